//! `serde` support: a [`ReplyCode`] is its number, a [`Category`] its digit, a [`Command`] its verb,
//! a [`Reason`] its token, an [`EnhancedCode`] its text such as `"5.1.1"`.

use core::fmt;
use core::marker::PhantomData;
use core::str::FromStr;

use serde::de::{self, Deserialize, Deserializer, Unexpected, Visitor};
use serde::ser::{Serialize, Serializer};

use crate::{Category, Command, EnhancedCode, Reason, ReplyCode};

/// Serialises as the number, such as `250`.
impl Serialize for ReplyCode {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_u16(self.code())
    }
}

/// Deserialises, in a human-readable format such as JSON or TOML, from a number such as `250`
/// or a string of exactly three digits such as `"250"`; in a binary format, from the `u16`
/// that [`Serialize`] writes. Unknown and malformed codes are errors that say why.
impl<'de> Deserialize<'de> for ReplyCode {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // Binary formats such as postcard carry no type tags, so they cannot say which of the
        // two forms follows: there only the written one is read.
        if deserializer.is_human_readable() {
            deserializer.deserialize_any(ReplyCodeVisitor)
        } else {
            deserializer.deserialize_u16(ReplyCodeVisitor)
        }
    }
}

struct ReplyCodeVisitor;

impl Visitor<'_> for ReplyCodeVisitor {
    type Value = ReplyCode;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an SMTP reply code: a number such as 250 or a string such as \"250\"")
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<ReplyCode, E> {
        let number =
            u16::try_from(v).map_err(|_| E::invalid_value(Unexpected::Unsigned(v), &self))?;
        ReplyCode::try_from(number).map_err(E::custom)
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<ReplyCode, E> {
        match u64::try_from(v) {
            Ok(v) => self.visit_u64(v),
            Err(_) => Err(E::invalid_value(Unexpected::Signed(v), &self)),
        }
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<ReplyCode, E> {
        // A whole reply line would parse by its prefix; a serialised code must be the code alone,
        // so that nothing after it is silently dropped.
        if v.len() != 3 {
            return Err(E::invalid_value(Unexpected::Str(v), &self));
        }
        v.parse().map_err(E::custom)
    }
}

/// Serialises as the digit, such as `5`.
impl Serialize for Category {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_u8(self.digit())
    }
}

/// Deserialises from the digit, 2 to 5.
impl<'de> Deserialize<'de> for Category {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let digit = u8::deserialize(deserializer)?;
        Category::from_digit(digit).ok_or_else(|| {
            de::Error::invalid_value(
                Unexpected::Unsigned(digit.into()),
                &"a reply category digit from 2 to 5",
            )
        })
    }
}

/// Serialises as the verb, such as `"RCPT"`.
impl Serialize for Command {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.verb())
    }
}

/// Deserialises from a verb, in any ASCII case.
impl<'de> Deserialize<'de> for Command {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(NameVisitor::<Command>::new(
            "an SMTP command verb such as \"RCPT\"",
        ))
    }
}

/// Reads a name from the table (a verb, a reason's token) with the type's `FromStr`; `expecting`
/// says what a good one looks like.
struct NameVisitor<T> {
    expecting: &'static str,
    ty: PhantomData<T>,
}

impl<T> NameVisitor<T> {
    const fn new(expecting: &'static str) -> Self {
        NameVisitor {
            expecting,
            ty: PhantomData,
        }
    }
}

impl<T: FromStr> Visitor<'_> for NameVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.expecting)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<T, E> {
        v.parse()
            .map_err(|_| E::invalid_value(Unexpected::Str(v), &self))
    }
}

/// Serialises as the token, such as `"userunknown"`.
impl Serialize for Reason {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.token())
    }
}

/// Deserialises from a token, in any ASCII case.
impl<'de> Deserialize<'de> for Reason {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(NameVisitor::<Reason>::new(
            "a bounce reason token such as \"userunknown\"",
        ))
    }
}

/// Serialises as the text, such as `"5.1.1"`.
impl Serialize for EnhancedCode {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        // "5.999.999" is the longest form; format on the stack, as the crate has no allocator.
        let mut buffer = StackText::<9>::new();
        fmt::write(&mut buffer, format_args!("{self}")).map_err(serde::ser::Error::custom)?;
        serializer.serialize_str(buffer.as_str())
    }
}

/// Deserialises from text such as `"5.1.1"`; malformed text is an error that says why.
impl<'de> Deserialize<'de> for EnhancedCode {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(EnhancedCodeVisitor)
    }
}

struct EnhancedCodeVisitor;

impl Visitor<'_> for EnhancedCodeVisitor {
    type Value = EnhancedCode;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an enhanced status code such as \"5.1.1\"")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<EnhancedCode, E> {
        v.parse().map_err(E::custom)
    }
}

/// A fixed-size text buffer for `fmt::Write`.
struct StackText<const N: usize> {
    bytes: [u8; N],
    len: usize,
}

impl<const N: usize> StackText<N> {
    fn new() -> Self {
        StackText {
            bytes: [0; N],
            len: 0,
        }
    }

    fn as_str(&self) -> &str {
        // Only whole `&str`s are ever copied in, so the bytes are valid UTF-8.
        core::str::from_utf8(&self.bytes[..self.len]).unwrap_or_default()
    }
}

impl<const N: usize> fmt::Write for StackText<N> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        let end = self.len + s.len();
        if end > N {
            return Err(fmt::Error);
        }
        self.bytes[self.len..end].copy_from_slice(s.as_bytes());
        self.len = end;
        Ok(())
    }
}
