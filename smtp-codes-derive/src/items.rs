//! The names of the associated items the generator emits on each enum. A variant may not take
//! one of them: `ReplyCode::ALL` would then name the variant and no longer the list. `validate`
//! refuses such variants; the names are read from the generator's own tables, so an item added
//! there is refused here too. A unit test in `expand` checks them against the generated code.

use crate::expand::{Item, command, enhanced, numbered, reason, reply};

pub fn category() -> Vec<&'static str> {
    names(&numbered::items(&numbered::CATEGORY))
}

pub fn command() -> Vec<&'static str> {
    names(&command::items())
}

pub fn reply() -> Vec<&'static str> {
    names(&reply::items())
}

pub fn class() -> Vec<&'static str> {
    names(&numbered::items(&numbered::CLASS))
}

pub fn subject() -> Vec<&'static str> {
    names(&numbered::items(&numbered::SUBJECT))
}

pub fn enhanced() -> Vec<&'static str> {
    names(&enhanced::items())
}

pub fn reason() -> Vec<&'static str> {
    names(&reason::items())
}

fn names<R>(items: &[Item<R>]) -> Vec<&'static str> {
    items.iter().map(|item| item.name).collect()
}
