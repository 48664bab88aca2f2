//! The schema, once: every field of [`cablecore::Cable`] with its Python conversions.
//!
//! [`define_fields!`] lists the fields of the record in schema order. From that one list
//! it generates the [`Field`] enum (names, kinds exported as `FIELDS`, Arrow types),
//! [`ColumnBuilder`]s that build the Arrow columns of a batch of records for the
//! DataFrame / Arrow readers, and the JSON → record
//! reconstructor used by pickling. The list is checked against the Rust struct at
//! compile time: [`cable_from_json`] builds a `Cable` literal without `..`, so a field
//! added to or removed from the record breaks the build here until it is listed.
//!
//! Each field's Rust type implements [`FieldValue`], which knows its Arrow column
//! builder and two Python forms:
//! the *attribute* form (`Cable.recipients` → list of `Recipient` objects, spans as
//! tuples) and the *plain* form (`Cable.to_dict()`, DataFrame cells: the JSON shape,
//! nested records as dicts, dates as `datetime` objects).

use std::borrow::Cow;
use std::collections::HashSet;
use std::sync::{Mutex, OnceLock};

use cablecore::{
    Cable, Diagnostic, Level, Paragraph, Part, Position, Recipient, RefKind, Reference, Span,
};
use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, Utc};
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString, PyTuple};
use serde_json::Value as Json;

use crate::arrow::{
    struct_builder, Array, BoolBuilder, Builder, DataType, Date32Builder, Int64Builder,
    ListBuilder, TimestampBuilder, Utf8Builder,
};
use crate::parts::{PyDiagnostic, PyParagraph, PyPosition, PyRecipient, PyReference};

/// Days from 0001-01-01 (day 1 of the common era) to 1970-01-01.
const UNIX_EPOCH_CE: i32 = 719_163;

struct_builder!(
    /// Arrow builder of [`Position`] structs.
    PositionBuilder { byte: Int64Builder, line: Int64Builder, record: Int64Builder }
);
struct_builder!(
    /// Arrow builder of [`Span`] structs.
    SpanBuilder { start: Int64Builder, end: Int64Builder }
);
struct_builder!(
    /// Arrow builder of [`Recipient`] structs.
    RecipientBuilder {
        route: Utf8Builder,
        name: Utf8Builder,
        precedence: Utf8Builder,
        mcn: Utf8Builder,
    }
);
struct_builder!(
    /// Arrow builder of [`Reference`] structs.
    ReferenceBuilder {
        bullet: Utf8Builder,
        text: Utf8Builder,
        kind: Utf8Builder,
        value: Utf8Builder,
    }
);
struct_builder!(
    /// Arrow builder of [`Paragraph`] structs.
    ParagraphBuilder {
        number: Int64Builder,
        marking: Utf8Builder,
        text: Utf8Builder,
        span: SpanBuilder,
    }
);
struct_builder!(
    /// Arrow builder of [`Diagnostic`] structs.
    DiagnosticBuilder {
        code: Utf8Builder,
        message: Utf8Builder,
        part: Utf8Builder,
        offset: Int64Builder,
    }
);

/// A field type of the record: how it is shown to Python, stored in an Arrow column,
/// and read back from JSON.
pub(crate) trait FieldValue {
    /// The same value owning its text.
    type Static: FieldValue + Send + 'static;
    /// The builder of its Arrow column.
    type Arrow: Builder;
    /// Append the value to an Arrow column.
    fn push_arrow(&self, b: &mut Self::Arrow);
    /// The attribute form (`Cable.<field>`).
    fn attr<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>>;
    /// The plain form (`to_dict()`, DataFrame cells).
    fn plain<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>>;
    /// Read the value back from its JSON (as written by `serde_json` for the record).
    fn from_json(v: &Json) -> Result<Self::Static, String>;
}

/// A value that appears inside `Option<_>` or `Vec<_>` fields.
pub(crate) trait Leaf {
    /// The same value owning its text.
    type Static: Leaf + Send + 'static;
    /// The builder of its Arrow values.
    type Arrow: Builder;
    /// Append the value to Arrow values.
    fn push_arrow(&self, b: &mut Self::Arrow);
    /// The attribute form.
    fn attr<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>>;
    /// The plain form (defaults to the attribute form).
    fn plain<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.attr(py)
    }
    /// Read back from JSON (never `null`: that is handled by `Option`).
    fn from_json(v: &Json) -> Result<Self::Static, String>;
}

impl<T: Leaf> FieldValue for Option<T> {
    type Static = Option<T::Static>;
    type Arrow = T::Arrow;
    #[inline]
    fn push_arrow(&self, b: &mut T::Arrow) {
        match self {
            Some(v) => v.push_arrow(b),
            None => b.push_null(),
        }
    }
    fn attr<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        match self {
            Some(v) => v.attr(py),
            None => Ok(py.None().into_bound(py)),
        }
    }
    fn plain<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        match self {
            Some(v) => v.plain(py),
            None => Ok(py.None().into_bound(py)),
        }
    }
    fn from_json(v: &Json) -> Result<Self::Static, String> {
        match v {
            Json::Null => Ok(None),
            v => T::from_json(v).map(Some),
        }
    }
}

impl<T: Leaf> FieldValue for Vec<T> {
    type Static = Vec<T::Static>;
    type Arrow = ListBuilder<T::Arrow>;
    #[inline]
    fn push_arrow(&self, b: &mut Self::Arrow) {
        for v in self {
            v.push_arrow(&mut b.items);
        }
        b.close();
    }
    fn attr<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let items = self
            .iter()
            .map(|v| v.attr(py))
            .collect::<PyResult<Vec<_>>>()?;
        Ok(PyList::new(py, items)?.into_any())
    }
    fn plain<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let items = self
            .iter()
            .map(|v| v.plain(py))
            .collect::<PyResult<Vec<_>>>()?;
        Ok(PyList::new(py, items)?.into_any())
    }
    fn from_json(v: &Json) -> Result<Self::Static, String> {
        v.as_array()
            .ok_or_else(|| format!("expected a list, found {v}"))?
            .iter()
            .map(T::from_json)
            .collect()
    }
}

impl FieldValue for bool {
    type Static = bool;
    type Arrow = BoolBuilder;
    fn push_arrow(&self, b: &mut BoolBuilder) {
        b.push(*self);
    }
    fn attr<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Ok(pyo3::types::PyBool::new(py, *self).to_owned().into_any())
    }
    fn plain<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.attr(py)
    }
    fn from_json(v: &Json) -> Result<bool, String> {
        v.as_bool()
            .ok_or_else(|| format!("expected a boolean, found {v}"))
    }
}

// ----------------------------------------------------------------- JSON helpers

fn json_str(v: &Json) -> Result<&str, String> {
    v.as_str()
        .ok_or_else(|| format!("expected a string, found {v}"))
}

fn json_u64(v: &Json) -> Result<u64, String> {
    v.as_u64()
        .ok_or_else(|| format!("expected an unsigned integer, found {v}"))
}

fn json_usize(v: &Json) -> Result<usize, String> {
    usize::try_from(json_u64(v)?).map_err(|e| e.to_string())
}

fn json_obj(v: &Json) -> Result<&serde_json::Map<String, Json>, String> {
    v.as_object()
        .ok_or_else(|| format!("expected an object, found {v}"))
}

/// Member `key` of a JSON object (`null` when absent).
fn member<'j>(obj: &'j serde_json::Map<String, Json>, key: &str) -> &'j Json {
    static NULL: Json = Json::Null;
    obj.get(key).unwrap_or(&NULL)
}

/// `Diagnostic::code` is `&'static str`; codes read back from JSON are interned, so each
/// distinct code is allocated once per process (the set of codes is small and fixed).
fn intern(code: &str) -> &'static str {
    static CODES: OnceLock<Mutex<HashSet<&'static str>>> = OnceLock::new();
    let mut set = CODES
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|e| e.into_inner());
    if let Some(c) = set.get(code) {
        return c;
    }
    let leaked: &'static str = Box::leak(code.to_owned().into_boxed_str());
    set.insert(leaked);
    leaked
}

// ----------------------------------------------------------------------- leaves

impl Leaf for Cow<'_, str> {
    type Static = Cow<'static, str>;
    type Arrow = Utf8Builder;
    #[inline]
    fn push_arrow(&self, b: &mut Utf8Builder) {
        b.push(self);
    }
    fn attr<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Ok(PyString::new(py, self).into_any())
    }
    fn from_json(v: &Json) -> Result<Cow<'static, str>, String> {
        json_str(v).map(|s| Cow::Owned(s.to_owned()))
    }
}

impl Leaf for String {
    type Static = String;
    type Arrow = Utf8Builder;
    #[inline]
    fn push_arrow(&self, b: &mut Utf8Builder) {
        b.push(self);
    }
    fn attr<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Ok(PyString::new(py, self).into_any())
    }
    fn from_json(v: &Json) -> Result<String, String> {
        json_str(v).map(str::to_owned)
    }
}

impl Leaf for u64 {
    type Static = u64;
    type Arrow = Int64Builder;
    fn push_arrow(&self, b: &mut Int64Builder) {
        b.push(*self);
    }
    fn attr<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Ok(self.into_pyobject(py)?.into_any())
    }
    fn from_json(v: &Json) -> Result<u64, String> {
        json_u64(v)
    }
}

impl Leaf for u32 {
    type Static = u32;
    type Arrow = Int64Builder;
    fn push_arrow(&self, b: &mut Int64Builder) {
        b.push(*self);
    }
    fn attr<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Ok(self.into_pyobject(py)?.into_any())
    }
    fn from_json(v: &Json) -> Result<u32, String> {
        u32::try_from(json_u64(v)?).map_err(|e| e.to_string())
    }
}

impl Leaf for NaiveDateTime {
    type Static = NaiveDateTime;
    type Arrow = TimestampBuilder<false>;
    /// Seconds since the epoch (`timestamp[s]`; the record has no fractions).
    fn push_arrow(&self, b: &mut TimestampBuilder<false>) {
        b.push_value(self.and_utc().timestamp());
    }
    fn attr<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Ok(self.into_pyobject(py)?.into_any())
    }
    fn from_json(v: &Json) -> Result<NaiveDateTime, String> {
        json_str(v)?
            .parse()
            .map_err(|e| format!("bad date-time: {e}"))
    }
}

impl Leaf for DateTime<Utc> {
    type Static = DateTime<Utc>;
    type Arrow = TimestampBuilder<true>;
    fn push_arrow(&self, b: &mut TimestampBuilder<true>) {
        b.push_value(self.timestamp());
    }
    fn attr<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Ok(self.into_pyobject(py)?.into_any())
    }
    fn from_json(v: &Json) -> Result<DateTime<Utc>, String> {
        json_str(v)?
            .parse()
            .map_err(|e| format!("bad UTC date-time: {e}"))
    }
}

impl Leaf for NaiveDate {
    type Static = NaiveDate;
    type Arrow = Date32Builder;
    /// Days since 1970-01-01.
    fn push_arrow(&self, b: &mut Date32Builder) {
        b.push_value(self.num_days_from_ce() - UNIX_EPOCH_CE);
    }
    fn attr<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Ok(self.into_pyobject(py)?.into_any())
    }
    fn from_json(v: &Json) -> Result<NaiveDate, String> {
        json_str(v)?.parse().map_err(|e| format!("bad date: {e}"))
    }
}

/// `Level` ↔ its JSON / Python name (`"SECRET"`).
pub(crate) fn level_from_str(s: &str) -> Option<Level> {
    [
        Level::Unclassified,
        Level::Confidential,
        Level::Secret,
        Level::TopSecret,
    ]
    .into_iter()
    .find(|l| l.as_str() == s)
}

impl Leaf for Level {
    type Static = Level;
    type Arrow = Utf8Builder;
    fn push_arrow(&self, b: &mut Utf8Builder) {
        b.push(self.as_str());
    }
    fn attr<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Ok(PyString::new(py, self.as_str()).into_any())
    }
    fn from_json(v: &Json) -> Result<Level, String> {
        let s = json_str(v)?;
        level_from_str(s).ok_or_else(|| format!("unknown level {s:?}"))
    }
}

/// The JSON / Python name of a [`Part`] (`"header"`).
pub(crate) fn part_str(p: Part) -> &'static str {
    match p {
        Part::Metadata => "metadata",
        Part::Header => "header",
        Part::Body => "body",
    }
}

fn part_from_str(s: &str) -> Result<Part, String> {
    match s {
        "metadata" => Ok(Part::Metadata),
        "header" => Ok(Part::Header),
        "body" => Ok(Part::Body),
        other => Err(format!("unknown part {other:?}")),
    }
}

impl Leaf for Position {
    type Static = Position;
    type Arrow = PositionBuilder;
    fn push_arrow(&self, b: &mut PositionBuilder) {
        b.push_valid();
        b.byte.push(self.byte);
        b.line.push(self.line);
        b.record.push(self.record);
    }
    fn attr<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Ok(Bound::new(py, PyPosition::from(*self))?.into_any())
    }
    fn plain<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let d = PyDict::new(py);
        d.set_item(intern!(py, "byte"), self.byte)?;
        d.set_item(intern!(py, "line"), self.line)?;
        d.set_item(intern!(py, "record"), self.record)?;
        Ok(d.into_any())
    }
    fn from_json(v: &Json) -> Result<Position, String> {
        let o = json_obj(v)?;
        Ok(Position {
            byte: json_u64(member(o, "byte"))?,
            line: json_u64(member(o, "line"))?,
            record: json_u64(member(o, "record"))?,
        })
    }
}

impl Leaf for Span {
    type Static = Span;
    type Arrow = SpanBuilder;
    fn push_arrow(&self, b: &mut SpanBuilder) {
        b.push_valid();
        b.start.push(self.start);
        b.end.push(self.end);
    }
    /// `(start, end)`.
    fn attr<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Ok(PyTuple::new(py, [self.start, self.end])?.into_any())
    }
    /// `{"start": …, "end": …}` as in JSON.
    fn plain<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let d = PyDict::new(py);
        d.set_item(intern!(py, "start"), self.start)?;
        d.set_item(intern!(py, "end"), self.end)?;
        Ok(d.into_any())
    }
    fn from_json(v: &Json) -> Result<Span, String> {
        let o = json_obj(v)?;
        Ok(Span::new(
            json_usize(member(o, "start"))?,
            json_usize(member(o, "end"))?,
        ))
    }
}

impl Leaf for Recipient<'_> {
    type Static = Recipient<'static>;
    type Arrow = RecipientBuilder;
    fn push_arrow(&self, b: &mut RecipientBuilder) {
        b.push_valid();
        self.route.push_arrow(&mut b.route);
        b.name.push(&self.name);
        self.precedence.push_arrow(&mut b.precedence);
        self.mcn.push_arrow(&mut b.mcn);
    }
    fn attr<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Ok(Bound::new(py, PyRecipient::from(self))?.into_any())
    }
    fn plain<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let d = PyDict::new(py);
        d.set_item(intern!(py, "route"), self.route.as_deref())?;
        d.set_item(intern!(py, "name"), self.name.as_ref())?;
        d.set_item(intern!(py, "precedence"), self.precedence.as_deref())?;
        d.set_item(intern!(py, "mcn"), self.mcn.as_deref())?;
        Ok(d.into_any())
    }
    fn from_json(v: &Json) -> Result<Recipient<'static>, String> {
        let o = json_obj(v)?;
        Ok(Recipient {
            route: <Option<Cow<str>> as FieldValue>::from_json(member(o, "route"))?,
            name: <Cow<str> as Leaf>::from_json(member(o, "name"))?,
            precedence: <Option<Cow<str>> as FieldValue>::from_json(member(o, "precedence"))?,
            mcn: <Option<Cow<str>> as FieldValue>::from_json(member(o, "mcn"))?,
        })
    }
}

fn ref_kind_from_str(s: &str) -> Result<RefKind, String> {
    match s {
        "cable" => Ok(RefKind::Cable),
        "other" => Ok(RefKind::Other),
        other => Err(format!("unknown reference kind {other:?}")),
    }
}

impl Leaf for Reference<'_> {
    type Static = Reference<'static>;
    type Arrow = ReferenceBuilder;
    fn push_arrow(&self, b: &mut ReferenceBuilder) {
        b.push_valid();
        self.bullet.push_arrow(&mut b.bullet);
        b.text.push(&self.text);
        b.kind.push(self.kind.as_str());
        self.value.push_arrow(&mut b.value);
    }
    fn attr<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Ok(Bound::new(py, PyReference::from(self))?.into_any())
    }
    fn plain<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let d = PyDict::new(py);
        d.set_item(intern!(py, "bullet"), self.bullet.as_deref())?;
        d.set_item(intern!(py, "text"), self.text.as_ref())?;
        d.set_item(intern!(py, "kind"), self.kind.as_str())?;
        d.set_item(intern!(py, "value"), self.value.as_deref())?;
        Ok(d.into_any())
    }
    fn from_json(v: &Json) -> Result<Reference<'static>, String> {
        let o = json_obj(v)?;
        Ok(Reference {
            bullet: <Option<Cow<str>> as FieldValue>::from_json(member(o, "bullet"))?,
            text: <Cow<str> as Leaf>::from_json(member(o, "text"))?,
            kind: ref_kind_from_str(json_str(member(o, "kind"))?)?,
            value: <Option<String> as FieldValue>::from_json(member(o, "value"))?,
        })
    }
}

impl Leaf for Paragraph<'_> {
    type Static = Paragraph<'static>;
    type Arrow = ParagraphBuilder;
    fn push_arrow(&self, b: &mut ParagraphBuilder) {
        b.push_valid();
        self.number.push_arrow(&mut b.number);
        self.marking.push_arrow(&mut b.marking);
        b.text.push(&self.text);
        self.span.push_arrow(&mut b.span);
    }
    fn attr<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Ok(Bound::new(py, PyParagraph::from(self))?.into_any())
    }
    fn plain<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let d = PyDict::new(py);
        d.set_item(intern!(py, "number"), self.number)?;
        d.set_item(intern!(py, "marking"), self.marking.as_deref())?;
        d.set_item(intern!(py, "text"), self.text.as_ref())?;
        d.set_item(intern!(py, "span"), self.span.plain(py)?)?;
        Ok(d.into_any())
    }
    fn from_json(v: &Json) -> Result<Paragraph<'static>, String> {
        let o = json_obj(v)?;
        Ok(Paragraph {
            number: <Option<u32> as FieldValue>::from_json(member(o, "number"))?,
            marking: <Option<Cow<str>> as FieldValue>::from_json(member(o, "marking"))?,
            text: <Cow<str> as Leaf>::from_json(member(o, "text"))?,
            span: <Span as Leaf>::from_json(member(o, "span"))?,
        })
    }
}

impl Leaf for Diagnostic {
    type Static = Diagnostic;
    type Arrow = DiagnosticBuilder;
    fn push_arrow(&self, b: &mut DiagnosticBuilder) {
        b.push_valid();
        b.code.push(self.code);
        b.message.push(&self.message);
        b.part.push(part_str(self.part));
        b.offset.push(self.offset);
    }
    fn attr<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Ok(Bound::new(py, PyDiagnostic::from(self))?.into_any())
    }
    fn plain<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let d = PyDict::new(py);
        d.set_item(intern!(py, "code"), self.code)?;
        d.set_item(intern!(py, "message"), &self.message)?;
        d.set_item(intern!(py, "part"), part_str(self.part))?;
        d.set_item(intern!(py, "offset"), self.offset)?;
        Ok(d.into_any())
    }
    fn from_json(v: &Json) -> Result<Diagnostic, String> {
        let o = json_obj(v)?;
        Ok(Diagnostic {
            code: intern(json_str(member(o, "code"))?),
            message: json_str(member(o, "message"))?.to_owned(),
            part: part_from_str(json_str(member(o, "part"))?)?,
            offset: json_usize(member(o, "offset"))?,
        })
    }
}

// ------------------------------------------------------------------- the schema

/// Lists every field of the record, in schema order, as `name: 'static type => kind`.
/// The kind is the column type the Python side uses for Arrow schemas
/// (`_cablecore.FIELDS`).
macro_rules! define_fields {
    ($($name:ident: $ty:ty => $kind:literal),* $(,)?) => {
        /// One field of the record (variants are named exactly as the fields).
        #[allow(non_camel_case_types)]
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub(crate) enum Field {
            $(
                #[doc = concat!("`", stringify!($name), "`")]
                $name,
            )*
        }

        impl Field {
            /// Every field, in schema order.
            pub(crate) const ALL: &'static [Field] = &[$(Field::$name),*];

            /// The schema name (Rust field, JSON key, Python attribute, column).
            pub(crate) fn name(self) -> &'static str {
                match self { $(Field::$name => stringify!($name)),* }
            }

            /// The column kind (`"str"`, `"list[str]"`, `"recipients"`, …).
            pub(crate) fn kind(self) -> &'static str {
                match self { $(Field::$name => $kind),* }
            }

            /// The field by name.
            pub(crate) fn from_name(name: &str) -> Option<Field> {
                Field::ALL.iter().copied().find(|f| f.name() == name)
            }

            /// The attribute form of this field of `c`.
            pub(crate) fn attr<'py>(self, py: Python<'py>, c: &Cable<'_>) -> PyResult<Bound<'py, PyAny>> {
                match self { $(Field::$name => FieldValue::attr(&c.$name, py)),* }
            }

            /// The Arrow type of this field's column.
            pub(crate) fn data_type(self) -> DataType {
                match self { $(Field::$name => <<$ty as FieldValue>::Arrow as Builder>::data_type()),* }
            }

            /// The plain form of this field of `c`.
            pub(crate) fn plain<'py>(self, py: Python<'py>, c: &Cable<'_>) -> PyResult<Bound<'py, PyAny>> {
                match self { $(Field::$name => FieldValue::plain(&c.$name, py)),* }
            }
        }

        /// The Arrow column of one field, being built from the cables of a batch.
        #[allow(non_camel_case_types)]
        pub(crate) enum ColumnBuilder {
            $(
                #[doc = concat!("Values of `", stringify!($name), "`.")]
                $name(<$ty as FieldValue>::Arrow),
            )*
        }

        impl ColumnBuilder {
            /// An empty column for `field`.
            pub(crate) fn new(field: Field) -> ColumnBuilder {
                match field { $(Field::$name => ColumnBuilder::$name(Default::default())),* }
            }

            /// Append this column's field of `c`.
            #[inline]
            pub(crate) fn push(&mut self, c: &Cable<'_>) {
                match self { $(ColumnBuilder::$name(b) => FieldValue::push_arrow(&c.$name, b)),* }
            }

            /// Whether a value did not fit the column (see [`Builder::overflowed`]).
            pub(crate) fn overflowed(&self) -> bool {
                match self { $(ColumnBuilder::$name(b) => b.overflowed()),* }
            }

            /// The finished column.
            pub(crate) fn finish(self) -> Array {
                match self { $(ColumnBuilder::$name(b) => b.finish()),* }
            }
        }

        /// Rebuild a record from its JSON (`Cable.to_json()`); the inverse of serialization.
        pub(crate) fn cable_from_json(v: &Json) -> Result<Cable<'static>, String> {
            let o = json_obj(v)?;
            // A struct literal without `..`: a field missing from this list fails to compile.
            Ok(Cable {
                $(
                    $name: <$ty as FieldValue>::from_json(member(o, stringify!($name)))
                        .map_err(|e| format!("field {}: {e}", stringify!($name)))?,
                )*
            })
        }
    };
}

define_fields! {
    // container
    position: Option<Position> => "position",
    id: Option<u64> => "int",
    reference_id: Option<Cow<'static, str>> => "str",
    reference_id_inferred: bool => "bool",
    canonical_id: Option<String> => "str",
    created: Option<NaiveDateTime> => "datetime",
    created_raw: Option<Cow<'static, str>> => "str",
    released: Option<NaiveDateTime> => "datetime",
    released_raw: Option<Cow<'static, str>> => "str",
    classification: Option<Cow<'static, str>> => "str",
    origin: Option<Cow<'static, str>> => "str",
    metadata_references: Vec<Cow<'static, str>> => "list[str]",
    // header
    transmission_id: Option<Cow<'static, str>> => "str",
    routing_precedence: Option<Cow<'static, str>> => "str",
    routing: Vec<Cow<'static, str>> => "list[str]",
    station: Option<Cow<'static, str>> => "str",
    station_serial: Option<Cow<'static, str>> => "str",
    station_section: Option<Cow<'static, str>> => "str",
    filing_time: Option<Cow<'static, str>> => "str",
    security: Option<Cow<'static, str>> => "str",
    dtg: Option<DateTime<Utc>> => "datetime_utc",
    dtg_raw: Option<Cow<'static, str>> => "str",
    dtg_precedence: Vec<Cow<'static, str>> => "list[str]",
    from: Option<Cow<'static, str>> => "str",
    recipients: Vec<Recipient<'static>> => "recipients",
    info_recipients: Vec<Recipient<'static>> => "recipients",
    excluded_recipients: Vec<Recipient<'static>> => "recipients",
    distribution: Vec<Cow<'static, str>> => "list[str]",
    // preamble
    banner: Option<Cow<'static, str>> => "str",
    banner_classification: Option<Level> => "str",
    section: Option<u32> => "int",
    section_total: Option<u32> => "int",
    post: Option<Cow<'static, str>> => "str",
    serial: Option<Cow<'static, str>> => "str",
    caveats: Vec<Cow<'static, str>> => "list[str]",
    pass_lines: Vec<Cow<'static, str>> => "list[str]",
    eo: Option<Cow<'static, str>> => "str",
    nondisclosure_deadline: Option<NaiveDate> => "date",
    nondisclosure_raw: Option<Cow<'static, str>> => "str",
    downgrade_date: Option<NaiveDate> => "date",
    tags: Vec<Cow<'static, str>> => "list[str]",
    subject: Option<Cow<'static, str>> => "str",
    subject_marking: Option<Cow<'static, str>> => "str",
    references: Vec<Reference<'static>> => "references",
    classified_by: Option<Cow<'static, str>> => "str",
    classified_by_title: Option<Cow<'static, str>> => "str",
    reasons: Vec<String> => "list[str]",
    derived_from: Option<Cow<'static, str>> => "str",
    // body
    paragraphs: Vec<Paragraph<'static>> => "paragraphs",
    summary: Option<String> => "str",
    comment: Option<String> => "str",
    signers: Vec<Cow<'static, str>> => "list[str]",
    redactions: Vec<Span> => "spans",
    diagnostics: Vec<Diagnostic> => "diagnostics",
}

/// Parse a JSON text into a record.
pub(crate) fn cable_from_json_str(text: &str) -> Result<Cable<'static>, String> {
    let v: Json = serde_json::from_str(text).map_err(|e| e.to_string())?;
    cable_from_json(&v)
}
