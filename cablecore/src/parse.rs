//! Record assembly (work in progress: being written now).
use crate::record::{Cable, Context, Input};

/// Parse one cable (or fragment) from one text.
pub fn parse(text: &str) -> Cable<'_> {
    parse_with(text, Context::default())
}

/// Parse one cable (or fragment) with context (citing id and/or year).
pub fn parse_with<'a>(text: &'a str, ctx: Context<'_>) -> Cable<'a> {
    parse_input(
        &Input {
            text: Some(text),
            ..Input::default()
        },
        ctx,
    )
}

/// Parse a cable given as separate header and body texts.
pub fn parse_parts<'a>(
    header: Option<&'a str>,
    body: Option<&'a str>,
    ctx: Context<'_>,
) -> Cable<'a> {
    parse_input(
        &Input {
            header,
            body,
            ..Input::default()
        },
        ctx,
    )
}

/// Parse a cable from container metadata and text.
pub fn parse_input<'a>(input: &Input<'a>, _ctx: Context<'_>) -> Cable<'a> {
    Cable {
        position: input.position,
        id: input.metadata.id,
        ..Cable::default()
    }
}
