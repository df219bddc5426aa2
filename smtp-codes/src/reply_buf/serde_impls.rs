//! `serde` support for [`ReplyBuf`]: `{"code": 550, "enhanced": "5.1.1", "lines": [...]}`.

use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::ser::{Serialize, SerializeStruct, Serializer};

use super::ReplyBuf;
use crate::EnhancedCode;

const FIELDS: &[&str] = &["code", "enhanced", "lines"];

/// Serialises as a struct of the code (a number), the enhanced code (text such as `"5.1.1"`,
/// or none) and the lines as given, before folding (empty when the text is the code's name).
impl Serialize for ReplyBuf {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut state = serializer.serialize_struct("ReplyBuf", FIELDS.len())?;
        state.serialize_field("code", &self.code)?;
        state.serialize_field("enhanced", &self.enhanced)?;
        state.serialize_field("lines", &self.lines)?;
        state.end()
    }
}

/// Deserialises what [`Serialize`] writes and checks it as the builder does: a code out of
/// 200 to 599, an enhanced code of another class, a control character in a line or a field
/// this shape does not have is an error, never a reply that would break the wire. `enhanced`
/// and `lines` may be left out.
impl<'de> Deserialize<'de> for ReplyBuf {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_struct("ReplyBuf", FIELDS, ReplyBufVisitor)
    }
}

struct ReplyBufVisitor;

impl ReplyBufVisitor {
    fn finish<E: de::Error>(
        code: Option<u16>,
        enhanced: Option<EnhancedCode>,
        lines: Option<Vec<String>>,
    ) -> Result<ReplyBuf, E> {
        let code = code.ok_or_else(|| E::missing_field("code"))?;
        ReplyBuf::from_parts(code, enhanced, lines.unwrap_or_default()).map_err(E::custom)
    }
}

impl<'de> Visitor<'de> for ReplyBufVisitor {
    type Value = ReplyBuf;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an SMTP reply: a code, an optional enhanced code and lines of text")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<ReplyBuf, A::Error> {
        let code = seq.next_element()?;
        let enhanced = seq.next_element::<Option<EnhancedCode>>()?.flatten();
        let lines = seq.next_element()?;
        Self::finish(code, enhanced, lines)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<ReplyBuf, A::Error> {
        let (mut code, mut enhanced, mut lines) = (None, None, None);
        while let Some(key) = map.next_key::<Field>()? {
            match key {
                Field::Code if code.is_some() => return Err(de::Error::duplicate_field("code")),
                Field::Code => code = Some(map.next_value()?),
                Field::Enhanced if enhanced.is_some() => {
                    return Err(de::Error::duplicate_field("enhanced"));
                }
                Field::Enhanced => enhanced = Some(map.next_value::<Option<EnhancedCode>>()?),
                Field::Lines if lines.is_some() => {
                    return Err(de::Error::duplicate_field("lines"));
                }
                Field::Lines => lines = Some(map.next_value()?),
            }
        }
        Self::finish(code, enhanced.flatten(), lines)
    }
}

/// A key of the map form; any other key is an error.
enum Field {
    Code,
    Enhanced,
    Lines,
}

impl<'de> Deserialize<'de> for Field {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_identifier(FieldVisitor)
    }
}

struct FieldVisitor;

impl Visitor<'_> for FieldVisitor {
    type Value = Field;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("`code`, `enhanced` or `lines`")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Field, E> {
        match v {
            "code" => Ok(Field::Code),
            "enhanced" => Ok(Field::Enhanced),
            "lines" => Ok(Field::Lines),
            _ => Err(E::unknown_field(v, FIELDS)),
        }
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Field, E> {
        match v {
            0 => Ok(Field::Code),
            1 => Ok(Field::Enhanced),
            2 => Ok(Field::Lines),
            _ => Err(E::invalid_value(de::Unexpected::Unsigned(v), &self)),
        }
    }
}
