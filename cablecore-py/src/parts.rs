//! Small immutable value classes for the parts of a record: `Position`, `Recipient`,
//! `Reference`, `Paragraph` and `Diagnostic`. Each owns a copy of its text, compares
//! and hashes by value, and pickles through its constructor.

use cablecore::{Diagnostic, Paragraph, Position, Recipient, Reference};
use pyo3::prelude::*;
use pyo3::types::PyType;

use crate::fields::part_str;

/// `repr()` of an optional string, as Python writes it.
fn repr_opt(py: Python<'_>, s: Option<&str>) -> PyResult<String> {
    match s {
        Some(s) => Ok(pyo3::types::PyString::new(py, s).repr()?.to_string()),
        None => Ok("None".to_owned()),
    }
}

/// `repr()` of a string, as Python writes it.
fn repr_str(py: Python<'_>, s: &str) -> PyResult<String> {
    repr_opt(py, Some(s))
}

/// Where a cable starts in its container.
///
/// >>> import cablecore
/// >>> cablecore.Position(byte=0, line=1, record=0)
/// Position(byte=0, line=1, record=0)
#[pyclass(frozen, eq, hash, module = "cablecore", name = "Position")]
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PyPosition {
    /// Byte offset of the cable's first byte (its metadata, if any) in the container.
    #[pyo3(get)]
    pub byte: u64,
    /// 1-based line number of that byte.
    #[pyo3(get)]
    pub line: u64,
    /// 0-based index of the cable (or CSV row) in the container.
    #[pyo3(get)]
    pub record: u64,
}

impl From<Position> for PyPosition {
    fn from(p: Position) -> Self {
        PyPosition {
            byte: p.byte,
            line: p.line,
            record: p.record,
        }
    }
}

#[pymethods]
impl PyPosition {
    #[new]
    #[pyo3(signature = (byte, line, record))]
    fn new(byte: u64, line: u64, record: u64) -> Self {
        PyPosition { byte, line, record }
    }

    fn __repr__(&self) -> String {
        format!(
            "Position(byte={}, line={}, record={})",
            self.byte, self.line, self.record
        )
    }

    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<(Bound<'py, PyType>, (u64, u64, u64))> {
        Ok((py.get_type::<Self>(), (self.byte, self.line, self.record)))
    }
}

/// One addressee of the ``TO``, ``INFO`` or ``XMT`` list.
///
/// ``RUEHC/SECSTATE WASHDC IMMEDIATE 0250`` → route ``RUEHC``, name ``SECSTATE WASHDC``,
/// precedence ``IMMEDIATE``, mcn ``0250``.
///
/// >>> import cablecore
/// >>> cablecore.Recipient(route="RUEHC", name="SECSTATE WASHDC", precedence="IMMEDIATE", mcn="0250").name
/// 'SECSTATE WASHDC'
#[pyclass(frozen, eq, hash, module = "cablecore", name = "Recipient")]
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PyRecipient {
    /// Routing indicator before the ``/`` (``RUEHC``), or None.
    #[pyo3(get)]
    pub route: Option<String>,
    /// The addressee as written (``SECSTATE WASHDC``).
    #[pyo3(get)]
    pub name: String,
    /// ``PRIORITY``, ``IMMEDIATE``, ``ROUTINE``, … as written, or None.
    #[pyo3(get)]
    pub precedence: Option<String>,
    /// Message (channel) number: ``0250`` or a range ``4778-4781``, or None.
    #[pyo3(get)]
    pub mcn: Option<String>,
}

impl From<&Recipient<'_>> for PyRecipient {
    fn from(r: &Recipient<'_>) -> Self {
        PyRecipient {
            route: r.route.as_deref().map(str::to_owned),
            name: r.name.to_string(),
            precedence: r.precedence.as_deref().map(str::to_owned),
            mcn: r.mcn.as_deref().map(str::to_owned),
        }
    }
}

type RecipientArgs = (Option<String>, String, Option<String>, Option<String>);

#[pymethods]
impl PyRecipient {
    #[new]
    #[pyo3(signature = (route, name, precedence, mcn))]
    fn new(
        route: Option<String>,
        name: String,
        precedence: Option<String>,
        mcn: Option<String>,
    ) -> Self {
        PyRecipient {
            route,
            name,
            precedence,
            mcn,
        }
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "Recipient(route={}, name={}, precedence={}, mcn={})",
            repr_opt(py, self.route.as_deref())?,
            repr_str(py, &self.name)?,
            repr_opt(py, self.precedence.as_deref())?,
            repr_opt(py, self.mcn.as_deref())?
        ))
    }

    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<(Bound<'py, PyType>, RecipientArgs)> {
        Ok((
            py.get_type::<Self>(),
            (
                self.route.clone(),
                self.name.clone(),
                self.precedence.clone(),
                self.mcn.clone(),
            ),
        ))
    }
}

/// One item of the REF block.
///
/// ``B. 09 MEXICO 2952`` → bullet ``B``, text ``09 MEXICO 2952``, kind ``cable``,
/// value ``09MEXICO2952``.
///
/// >>> import cablecore
/// >>> cablecore.Reference(bullet="B", text="09 MEXICO 2952", kind="cable", value="09MEXICO2952").value
/// '09MEXICO2952'
#[pyclass(frozen, eq, hash, module = "cablecore", name = "Reference")]
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PyReference {
    /// The list letter (``A``, ``B``, …) upper-cased, or None for an unlettered item.
    #[pyo3(get)]
    pub bullet: Option<String>,
    /// The item as written, without its bullet.
    #[pyo3(get)]
    pub text: String,
    /// ``"cable"`` or ``"other"``.
    #[pyo3(get)]
    pub kind: String,
    /// For a cable: its canonical id (``09MEXICO2952``); otherwise None.
    #[pyo3(get)]
    pub value: Option<String>,
}

impl From<&Reference<'_>> for PyReference {
    fn from(r: &Reference<'_>) -> Self {
        PyReference {
            bullet: r.bullet.as_deref().map(str::to_owned),
            text: r.text.to_string(),
            kind: r.kind.as_str().to_owned(),
            value: r.value.clone(),
        }
    }
}

type ReferenceArgs = (Option<String>, String, String, Option<String>);

#[pymethods]
impl PyReference {
    #[new]
    #[pyo3(signature = (bullet, text, kind, value))]
    fn new(bullet: Option<String>, text: String, kind: String, value: Option<String>) -> Self {
        PyReference {
            bullet,
            text,
            kind,
            value,
        }
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "Reference(bullet={}, text={}, kind={}, value={})",
            repr_opt(py, self.bullet.as_deref())?,
            repr_str(py, &self.text)?,
            repr_str(py, &self.kind)?,
            repr_opt(py, self.value.as_deref())?
        ))
    }

    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<(Bound<'py, PyType>, ReferenceArgs)> {
        Ok((
            py.get_type::<Self>(),
            (
                self.bullet.clone(),
                self.text.clone(),
                self.kind.clone(),
                self.value.clone(),
            ),
        ))
    }
}

/// One numbered (or portion-marked) paragraph of the body.
///
/// ``1. (S/NF) Summary: …`` → number 1, marking ``S/NF``; ``span`` is the
/// ``(start, end)`` byte range of the whole paragraph in the parsed text.
///
/// >>> import cablecore
/// >>> cablecore.Paragraph(number=1, marking="S/NF", text="Invented text.", span=(0, 24)).marking
/// 'S/NF'
#[pyclass(frozen, eq, hash, module = "cablecore", name = "Paragraph")]
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PyParagraph {
    /// The paragraph number as written (``1.`` → 1), or None.
    #[pyo3(get)]
    pub number: Option<u32>,
    /// The portion marking inside the parentheses (``S/NF``), or None.
    #[pyo3(get)]
    pub marking: Option<String>,
    /// The paragraph text after number and marking.
    #[pyo3(get)]
    pub text: String,
    /// ``(start, end)`` bytes of the whole paragraph, number included.
    #[pyo3(get)]
    pub span: (usize, usize),
}

impl From<&Paragraph<'_>> for PyParagraph {
    fn from(p: &Paragraph<'_>) -> Self {
        PyParagraph {
            number: p.number,
            marking: p.marking.as_deref().map(str::to_owned),
            text: p.text.to_string(),
            span: (p.span.start, p.span.end),
        }
    }
}

type ParagraphArgs = (Option<u32>, Option<String>, String, (usize, usize));

#[pymethods]
impl PyParagraph {
    #[new]
    #[pyo3(signature = (number, marking, text, span))]
    fn new(
        number: Option<u32>,
        marking: Option<String>,
        text: String,
        span: (usize, usize),
    ) -> Self {
        PyParagraph {
            number,
            marking,
            text,
            span,
        }
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let number = self
            .number
            .map_or_else(|| "None".to_owned(), |n| n.to_string());
        Ok(format!(
            "Paragraph(number={number}, marking={}, text={}, span=({}, {}))",
            repr_opt(py, self.marking.as_deref())?,
            repr_str(py, &self.text)?,
            self.span.0,
            self.span.1
        ))
    }

    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<(Bound<'py, PyType>, ParagraphArgs)> {
        Ok((
            py.get_type::<Self>(),
            (
                self.number,
                self.marking.clone(),
                self.text.clone(),
                self.span,
            ),
        ))
    }
}

/// Something that looked wrong in a cable, with where it is.
///
/// ``part`` says which text ``offset`` is into: ``"metadata"``, ``"header"`` or ``"body"``.
///
/// >>> import cablecore
/// >>> cablecore.Diagnostic(code="missing_banner", message="no banner", part="body", offset=0).code
/// 'missing_banner'
#[pyclass(frozen, eq, hash, module = "cablecore", name = "Diagnostic")]
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PyDiagnostic {
    /// Stable machine-readable code (``missing_banner``, ``bad_date``, …).
    #[pyo3(get)]
    pub code: String,
    /// Human-readable explanation.
    #[pyo3(get)]
    pub message: String,
    /// Which text ``offset`` is into: ``"metadata"``, ``"header"`` or ``"body"``.
    #[pyo3(get)]
    pub part: String,
    /// Byte offset of the problem in that text.
    #[pyo3(get)]
    pub offset: usize,
}

impl From<&Diagnostic> for PyDiagnostic {
    fn from(d: &Diagnostic) -> Self {
        PyDiagnostic {
            code: d.code.to_owned(),
            message: d.message.clone(),
            part: part_str(d.part).to_owned(),
            offset: d.offset,
        }
    }
}

type DiagnosticArgs = (String, String, String, usize);

#[pymethods]
impl PyDiagnostic {
    #[new]
    #[pyo3(signature = (code, message, part, offset))]
    fn new(code: String, message: String, part: String, offset: usize) -> Self {
        PyDiagnostic {
            code,
            message,
            part,
            offset,
        }
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "Diagnostic(code={}, message={}, part={}, offset={})",
            repr_str(py, &self.code)?,
            repr_str(py, &self.message)?,
            repr_str(py, &self.part)?,
            self.offset
        ))
    }

    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<(Bound<'py, PyType>, DiagnosticArgs)> {
        Ok((
            py.get_type::<Self>(),
            (
                self.code.clone(),
                self.message.clone(),
                self.part.clone(),
                self.offset,
            ),
        ))
    }
}
