//! The `Cable` Python class: a read-only view of one owned [`cablecore::Cable`].

use std::fmt::Write as _;

use cablecore::{Cable, Context};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyByteArray, PyBytes, PyDict, PyString, PyTuple};

use crate::fields::{cable_from_json_str, Field};

/// One cable: metadata, header, preamble and body, as found.
///
/// A ``Cable`` is immutable. It has one read-only attribute per field of the record,
/// named exactly as the Rust fields and JSON keys (``tags``, ``subject``, ``dtg``,
/// ``recipients``, …); a field that is not in the text is ``None`` or an empty list.
/// ``created``/``released`` are naive ``datetime`` objects, ``dtg`` is a UTC-aware
/// ``datetime``, ``nondisclosure_deadline``/``downgrade_date`` are ``date`` objects, and
/// ``banner_classification`` is a string (``'SECRET'``). ``from`` is a Python keyword:
/// read it with ``getattr(cable, "from")`` or the alias ``from_``.
///
/// Every access builds a fresh Python value; keep it in a local when used in a loop.
/// Cables compare equal when all their fields are equal, and pickle through their JSON.
///
/// >>> import cablecore
/// >>> cable = cablecore.parse("TAGS: PGOV, PREL, XX\nSUBJECT: AN INVENTED SUBJECT\n")
/// >>> isinstance(cable.tags, list)
/// True
#[pyclass(frozen, module = "cablecore", name = "Cable")]
pub struct PyCable {
    /// The record, owning its text.
    pub(crate) inner: Cable<'static>,
}

impl From<Cable<'static>> for PyCable {
    fn from(inner: Cable<'static>) -> Self {
        PyCable { inner }
    }
}

/// HTML-escape `s` into `out`.
fn escape_html(out: &mut String, s: &str) {
    for ch in s.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
}

/// At most `max` characters of `s`, with `…` when cut (never splits a character).
fn truncate(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_owned(),
    }
}

impl PyCable {
    /// The best id to show: reference id, else canonical id.
    fn display_id(&self) -> Option<&str> {
        self.inner
            .reference_id
            .as_deref()
            .or(self.inner.canonical_id.as_deref())
    }

    /// The date to show: created, else the DTG's date.
    fn display_date(&self) -> Option<String> {
        self.inner
            .created
            .map(|d| d.date().to_string())
            .or_else(|| self.inner.dtg.map(|d| d.date_naive().to_string()))
    }
}

#[pymethods]
impl PyCable {
    /// Where the cable starts in its container (None for `parse` of a bare text).
    #[getter]
    fn position<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Field::position.attr(py, &self.inner)
    }

    /// The dump's running number (``240473``), from ``cables.csv`` or a scraped ``ID:`` label.
    #[getter]
    fn id<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Field::id.attr(py, &self.inner)
    }

    /// Reference id as written in the metadata (``09MEXICO193``), or inferred from the banner and DTG (see ``reference_id_inferred``).
    #[getter]
    fn reference_id<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Field::reference_id.attr(py, &self.inner)
    }

    /// True when ``reference_id`` was inferred rather than read from metadata.
    #[getter]
    fn reference_id_inferred<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Field::reference_id_inferred.attr(py, &self.inner)
    }

    /// Canonical id: two-digit year + origin without spaces + serial without leading zeros (``08CAIRO1416``).
    #[getter]
    fn canonical_id<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Field::canonical_id.attr(py, &self.inner)
    }

    /// Created date-time from the metadata (naive, ``2009-01-23 23:11``).
    #[getter]
    fn created<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Field::created.attr(py, &self.inner)
    }

    /// Created as written (``1/23/2009 23:11``).
    #[getter]
    fn created_raw<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Field::created_raw.attr(py, &self.inner)
    }

    /// Released date-time from the metadata (naive).
    #[getter]
    fn released<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Field::released.attr(py, &self.inner)
    }

    /// Released as written.
    #[getter]
    fn released_raw<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Field::released_raw.attr(py, &self.inner)
    }

    /// Classification from the metadata, as written (``SECRET//NOFORN``).
    #[getter]
    fn classification<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Field::classification.attr(py, &self.inner)
    }

    /// Origin from the metadata (``Embassy Mexico``).
    #[getter]
    fn origin<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Field::origin.attr(py, &self.inner)
    }

    /// The dump's ``references`` column, one id per entry (``09MEXICO2154``).
    #[getter]
    fn metadata_references<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Field::metadata_references.attr(py, &self.inner)
    }

    /// Transmission id line (``VZCZCXRO5863``).
    #[getter]
    fn transmission_id<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Field::transmission_id.attr(py, &self.inner)
    }

    /// Prosign pair of the routing line (``RR``, ``OO``, ``PP``).
    #[getter]
    fn routing_precedence<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Field::routing_precedence.attr(py, &self.inner)
    }

    /// Routing indicators of the routing line and its continuations (``RUEHCD``, …).
    #[getter]
    fn routing<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Field::routing.attr(py, &self.inner)
    }

    /// Originating station of the ``DE`` line (``RUEHME``).
    #[getter]
    fn station<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Field::station.attr(py, &self.inner)
    }

    /// Station serial of the ``DE`` line without ``#`` (``3178``).
    #[getter]
    fn station_serial<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Field::station_serial.attr(py, &self.inner)
    }

    /// Section after the serial (``01`` in ``#3178/01``).
    #[getter]
    fn station_section<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Field::station_section.attr(py, &self.inner)
    }

    /// Filing time of the ``DE`` line, day of year + time (``3011811``).
    #[getter]
    fn filing_time<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Field::filing_time.attr(py, &self.inner)
    }

    /// Security line as written (``ZNY SSSSS ZZH``).
    #[getter]
    fn security<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Field::security.attr(py, &self.inner)
    }

    /// Date-time group as a timezone-aware UTC datetime (``R 232312Z JAN 09`` → 2009-01-23 23:12 UTC).
    #[getter]
    fn dtg<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Field::dtg.attr(py, &self.inner)
    }

    /// The DTG line as written.
    #[getter]
    fn dtg_raw<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Field::dtg_raw.attr(py, &self.inner)
    }

    /// Precedence prefix(es) of the DTG (``O R 292049Z JAN 10`` → ``['O', 'R']``).
    #[getter]
    fn dtg_precedence<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Field::dtg_precedence.attr(py, &self.inner)
    }

    /// Originator of the ``FM`` line (``AMEMBASSY MEXICO``). A Python keyword: use ``getattr(cable, 'from')`` or the alias ``from_``.
    #[getter(from)]
    fn fm<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Field::from.attr(py, &self.inner)
    }

    /// ``TO`` recipients.
    #[getter]
    fn recipients<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Field::recipients.attr(py, &self.inner)
    }

    /// ``INFO`` recipients.
    #[getter]
    fn info_recipients<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Field::info_recipients.attr(py, &self.inner)
    }

    /// ``XMT`` exclusions (posts left out of a collective).
    #[getter]
    fn excluded_recipients<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Field::excluded_recipients.attr(py, &self.inner)
    }

    /// State distribution codes (``LOG-00``, ``EEB-00``, …).
    #[getter]
    fn distribution<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Field::distribution.attr(py, &self.inner)
    }

    /// Classification banner line as written (``S E C R E T SECTION 01 OF 04 MEXICO 003178``).
    #[getter]
    fn banner<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Field::banner.attr(py, &self.inner)
    }

    /// Level of the banner: ``'UNCLASSIFIED'``, ``'CONFIDENTIAL'``, ``'SECRET'`` or ``'TOP_SECRET'``.
    #[getter]
    fn banner_classification<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Field::banner_classification.attr(py, &self.inner)
    }

    /// Section number of the banner (1 in ``SECTION 01 OF 04``).
    #[getter]
    fn section<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Field::section.attr(py, &self.inner)
    }

    /// Section count of the banner (4 in ``SECTION 01 OF 04``).
    #[getter]
    fn section_total<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Field::section_total.attr(py, &self.inner)
    }

    /// Post of the banner as written (``MEXICO``, ``BUENOS AIRES``).
    #[getter]
    fn post<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Field::post.attr(py, &self.inner)
    }

    /// Serial of the banner as written (``003178``).
    #[getter]
    fn serial<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Field::serial.attr(py, &self.inner)
    }

    /// Caveat tokens in order (``NOFORN``, ``SIPDIS``, …), as written.
    #[getter]
    fn caveats<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Field::caveats.attr(py, &self.inner)
    }

    /// Distribution / pass lines (``STATE FOR EUR/RUS``).
    #[getter]
    fn pass_lines<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Field::pass_lines.attr(py, &self.inner)
    }

    /// The E.O. line's text as written (``E.O. 12958: DECL: 02/04/2029``).
    #[getter]
    fn eo<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Field::eo.attr(py, &self.inner)
    }

    /// Declassification date of the E.O. line, when it is a date.
    #[getter]
    fn nondisclosure_deadline<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Field::nondisclosure_deadline.attr(py, &self.inner)
    }

    /// The declassification part as written (``02/04/2029``, ``N/A``, ``OADR``).
    #[getter]
    fn nondisclosure_raw<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Field::nondisclosure_raw.attr(py, &self.inner)
    }

    /// Downgrade date (``DNG: CO 01/22/2019`` → 2019-01-22); not a declassification date.
    #[getter]
    fn downgrade_date<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Field::downgrade_date.attr(py, &self.inner)
    }

    /// TAGS, upper case, in order, without duplicates (``['PGOV', 'PREL', 'MX']``).
    #[getter]
    fn tags<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Field::tags.attr(py, &self.inner)
    }

    /// SUBJECT text, continuation lines joined, whitespace collapsed, without its portion mark.
    #[getter]
    fn subject<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Field::subject.attr(py, &self.inner)
    }

    /// Portion mark that preceded the subject, without parentheses (``C``, ``S/NF``).
    #[getter]
    fn subject_marking<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Field::subject_marking.attr(py, &self.inner)
    }

    /// REF items, in order.
    #[getter]
    fn references<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Field::references.attr(py, &self.inner)
    }

    /// Name of the classifying official.
    #[getter]
    fn classified_by<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Field::classified_by.attr(py, &self.inner)
    }

    /// Title of the classifying official (``Acting Deputy Chief of Mission``).
    #[getter]
    fn classified_by_title<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Field::classified_by_title.attr(py, &self.inner)
    }

    /// Classification reasons, normalised (``['1.4(b)', '1.4(d)']``).
    #[getter]
    fn reasons<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Field::reasons.attr(py, &self.inner)
    }

    /// ``DERIVED FROM`` value.
    #[getter]
    fn derived_from<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Field::derived_from.attr(py, &self.inner)
    }

    /// Paragraphs, in order.
    #[getter]
    fn paragraphs<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Field::paragraphs.attr(py, &self.inner)
    }

    /// Summary text without markers and portion marks, whitespace collapsed.
    #[getter]
    fn summary<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Field::summary.attr(py, &self.inner)
    }

    /// Comment text without markers and portion marks, whitespace collapsed.
    #[getter]
    fn comment<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Field::comment.attr(py, &self.inner)
    }

    /// Signers' surnames, upper case (``PASCUAL``).
    #[getter]
    fn signers<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Field::signers.attr(py, &self.inner)
    }

    /// Redaction runs (``XXXXXXXXXXXX``, ``[NAME REMOVED]``) as ``(start, end)`` byte ranges.
    #[getter]
    fn redactions<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Field::redactions.attr(py, &self.inner)
    }

    /// What looked wrong, with offsets.
    #[getter]
    fn diagnostics<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Field::diagnostics.attr(py, &self.inner)
    }
    /// Alias of ``from`` (a Python keyword): originator of the ``FM`` line.
    #[getter(from_)]
    fn fm_alias<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Field::from.attr(py, &self.inner)
    }

    /// The record as a dict with the same keys and nesting as ``to_json()``.
    ///
    /// Nested records (``recipients``, ``references``, ``paragraphs``, ``diagnostics``,
    /// ``position``, spans) are dicts as in JSON; dates are ``datetime``/``date``
    /// objects rather than strings.
    ///
    /// >>> import cablecore
    /// >>> d = cablecore.parse("TAGS: PGOV XX\n").to_dict()
    /// >>> "tags" in d and "recipients" in d
    /// True
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        for &f in Field::ALL {
            d.set_item(f.name(), f.plain(py, &self.inner)?)?;
        }
        Ok(d)
    }

    /// The record as JSON, produced by the Rust serializer (byte for byte what the Rust
    /// API and ``cablecat`` write). ``indent`` pretty-prints with that many spaces.
    ///
    /// >>> import cablecore, json
    /// >>> json.loads(cablecore.parse("TAGS: PGOV XX\n").to_json())["reference_id_inferred"]
    /// False
    #[pyo3(signature = (indent=None))]
    fn to_json(&self, indent: Option<usize>) -> PyResult<String> {
        let out = match indent {
            None => serde_json::to_string(&self.inner),
            Some(n) => {
                let pad = " ".repeat(n);
                let mut buf = Vec::new();
                let fmt = serde_json::ser::PrettyFormatter::with_indent(pad.as_bytes());
                let mut ser = serde_json::Serializer::with_formatter(&mut buf, fmt);
                serde::Serialize::serialize(&self.inner, &mut ser)
                    .map(|()| String::from_utf8_lossy(&buf).into_owned())
            }
        };
        out.map_err(|e| PyValueError::new_err(e.to_string()))
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let mut s = String::from("<Cable ");
        s.push_str(self.display_id().unwrap_or("?"));
        s.push(' ');
        s.push_str(self.display_date().as_deref().unwrap_or("-"));
        if let Some(subject) = self.inner.subject.as_deref() {
            let short = truncate(subject, 40);
            let _ = write!(s, " {}", PyString::new(py, &short).repr()?);
        }
        let tags: Vec<&str> = self.inner.tags.iter().map(|t| t.as_ref()).collect();
        let _ = write!(s, " tags={}>", tags.into_pyobject(py)?.repr()?);
        Ok(s)
    }

    /// A small HTML table for Jupyter.
    fn _repr_html_(&self) -> String {
        let c = &self.inner;
        let tags = c
            .tags
            .iter()
            .map(|t| t.as_ref())
            .collect::<Vec<_>>()
            .join(", ");
        let rows: [(&str, String); 9] = [
            ("reference_id", self.display_id().unwrap_or("").to_owned()),
            ("date", self.display_date().unwrap_or_default()),
            (
                "classification",
                c.classification
                    .as_deref()
                    .or(c.banner_classification.map(|l| l.as_str()))
                    .unwrap_or("")
                    .to_owned(),
            ),
            (
                "origin",
                c.origin
                    .as_deref()
                    .or(c.from.as_deref())
                    .unwrap_or("")
                    .to_owned(),
            ),
            ("subject", c.subject.as_deref().unwrap_or("").to_owned()),
            ("tags", tags),
            ("references", c.references.len().to_string()),
            ("paragraphs", c.paragraphs.len().to_string()),
            ("diagnostics", c.diagnostics.len().to_string()),
        ];
        let mut out = String::from("<table class=\"cablecore-cable\">");
        for (k, v) in rows {
            out.push_str("<tr><th style=\"text-align:left\">");
            out.push_str(k);
            out.push_str("</th><td style=\"text-align:left\">");
            escape_html(&mut out, &v);
            out.push_str("</td></tr>");
        }
        out.push_str("</table>");
        out
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        match other.cast::<PyCable>() {
            Ok(o) => self.inner == o.get().inner,
            Err(_) => false,
        }
    }

    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        let ctor = py
            .import(pyo3::intern!(py, "cablecore._cablecore"))?
            .getattr(pyo3::intern!(py, "_cable_from_json"))?;
        let json = self.to_json(None)?;
        (ctor, (json,)).into_pyobject(py)
    }
}

/// Rebuild a `Cable` from ``Cable.to_json()`` (used by pickle).
#[pyfunction]
pub(crate) fn _cable_from_json(json: &str) -> PyResult<PyCable> {
    cable_from_json_str(json)
        .map(PyCable::from)
        .map_err(|e| PyValueError::new_err(format!("not a cable record: {e}")))
}

/// Parse one cable, or any fragment of one (a body, a REF block, a TAGS line).
///
/// ``text`` is a ``str``, or ``bytes`` decoded as UTF-8 (invalid bytes become U+FFFD).
/// ``reference_id`` (``"09MEXICO193"``) and ``year`` give the context a fragment lacks:
/// REF items without a year take it from there. Parsing never fails: what looks wrong
/// becomes an entry of ``Cable.diagnostics``. The GIL is released while parsing.
///
/// >>> import cablecore
/// >>> cable = cablecore.parse("REF: A. FOOBAR 001234\n", year=2009)
/// >>> type(cable).__name__
/// 'Cable'
#[pyfunction]
#[pyo3(signature = (text, *, reference_id=None, year=None))]
pub(crate) fn parse(
    py: Python<'_>,
    text: &Bound<'_, PyAny>,
    reference_id: Option<String>,
    year: Option<i32>,
) -> PyResult<PyCable> {
    let text: String = if let Ok(s) = text.cast::<PyString>() {
        // Lone surrogates cannot be UTF-8: replaced, as invalid bytes are.
        s.to_string_lossy().into_owned()
    } else if let Ok(b) = text.cast::<PyBytes>() {
        String::from_utf8_lossy(b.as_bytes()).into_owned()
    } else if let Ok(b) = text.cast::<PyByteArray>() {
        String::from_utf8_lossy(&b.to_vec()).into_owned()
    } else {
        return Err(PyTypeError::new_err(format!(
            "parse() takes str or bytes, not {}",
            text.get_type().name()?
        )));
    };
    let cable = py.detach(|| {
        let ctx = Context {
            reference_id: reference_id.as_deref(),
            year,
        };
        cablecore::parse_with(&text, ctx).into_owned()
    });
    Ok(PyCable::from(cable))
}
