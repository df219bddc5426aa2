//! Benchmarks of smtp-codes' reply parser against lettre, smtp-proto and http (see benches/).
