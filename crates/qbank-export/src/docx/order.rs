//! Puts the children of WordprocessingML property elements in the order the schema fixes.
//!
//! ECMA-376 declares `w:pPr`, `w:rPr`, `w:tblPr`, `w:tcPr`, `w:sectPr` and a few others as
//! sequences: their children must come in one order. docx-rs 0.4 writes them in an order of
//! its own (`<w:pPr><w:rPr/><w:pStyle/>…`, `<w:numPr><w:numId/><w:ilvl/>`, header references
//! after the page size). LibreOffice reads either; Word's validator reports such a file as
//! invalid, and Word is strict about order in some of these elements. This pass reorders the
//! children (a stable sort by schema position; names it does not know keep their order, at
//! the end) and leaves everything else byte for byte.

use quick_xml::events::Event;
use quick_xml::{Reader, Writer};

/// The children of each sequence, in schema order (ECMA-376 Part 1, 5th edition, §17).
fn sequence(container: &[u8]) -> Option<&'static [&'static str]> {
    Some(match container {
        // CT_PPr (CT_PPrBase, then rPr, sectPr, pPrChange).
        b"w:pPr" => &[
            "pStyle",
            "keepNext",
            "keepLines",
            "pageBreakBefore",
            "framePr",
            "widowControl",
            "numPr",
            "suppressLineNumbers",
            "pBdr",
            "shd",
            "tabs",
            "suppressAutoHyphens",
            "kinsoku",
            "wordWrap",
            "overflowPunct",
            "topLinePunct",
            "autoSpaceDE",
            "autoSpaceDN",
            "bidi",
            "adjustRightInd",
            "snapToGrid",
            "spacing",
            "ind",
            "contextualSpacing",
            "mirrorIndents",
            "suppressOverlap",
            "jc",
            "textDirection",
            "textAlignment",
            "textboxTightWrap",
            "outlineLvl",
            "divId",
            "cnfStyle",
            "rPr",
            "sectPr",
            "pPrChange",
        ],
        // CT_RPr (EG_RPrBase, then rPrChange); a paragraph mark's rPr starts with ins/del.
        b"w:rPr" => &[
            "ins",
            "del",
            "moveFrom",
            "moveTo",
            "rStyle",
            "rFonts",
            "b",
            "bCs",
            "i",
            "iCs",
            "caps",
            "smallCaps",
            "strike",
            "dstrike",
            "outline",
            "shadow",
            "emboss",
            "imprint",
            "noProof",
            "snapToGrid",
            "vanish",
            "webHidden",
            "color",
            "spacing",
            "w",
            "kern",
            "position",
            "sz",
            "szCs",
            "highlight",
            "u",
            "effect",
            "bdr",
            "shd",
            "fitText",
            "vertAlign",
            "rtl",
            "cs",
            "em",
            "lang",
            "eastAsianLayout",
            "specVanish",
            "oMath",
            "rPrChange",
        ],
        // CT_TblPr.
        b"w:tblPr" => &[
            "tblStyle",
            "tblpPr",
            "tblOverlap",
            "bidiVisual",
            "tblStyleRowBandSize",
            "tblStyleColBandSize",
            "tblW",
            "jc",
            "tblCellSpacing",
            "tblInd",
            "tblBorders",
            "shd",
            "tblLayout",
            "tblCellMar",
            "tblLook",
            "tblCaption",
            "tblDescription",
            "tblPrChange",
        ],
        // CT_TcPr.
        b"w:tcPr" => &[
            "cnfStyle",
            "tcW",
            "gridSpan",
            "hMerge",
            "vMerge",
            "tcBorders",
            "shd",
            "noWrap",
            "tcMar",
            "textDirection",
            "tcFitText",
            "vAlign",
            "hideMark",
            "headers",
            "cellIns",
            "cellDel",
            "cellMerge",
            "tcPrChange",
        ],
        // CT_SectPr: header and footer references first, in any order among themselves.
        b"w:sectPr" => &[
            "headerReference|footerReference",
            "footnotePr",
            "endnotePr",
            "type",
            "pgSz",
            "pgMar",
            "paperSrc",
            "pgBorders",
            "lnNumType",
            "pgNumType",
            "cols",
            "formProt",
            "vAlign",
            "noEndnote",
            "titlePg",
            "textDirection",
            "bidi",
            "rtlGutter",
            "docGrid",
            "printerSettings",
            "sectPrChange",
        ],
        b"w:numPr" => &["ilvl", "numId", "numberingChange", "ins"],
        b"w:pBdr" => &["top", "left", "bottom", "right", "between", "bar"],
        b"w:tblBorders" | b"w:tcBorders" => &[
            "top",
            "start|left",
            "bottom",
            "end|right",
            "insideH",
            "insideV",
            "tl2br",
            "tr2bl",
        ],
        b"w:tblCellMar" | b"w:tcMar" => &["top", "start|left", "bottom", "end|right"],
        _ => return None,
    })
}

/// The position of `child` in `order` (unknown names after all known ones).
fn rank(order: &[&str], child: &[u8]) -> usize {
    let local = child.strip_prefix(b"w:").unwrap_or(child);
    order
        .iter()
        .position(|names| names.split('|').any(|n| n.as_bytes() == local))
        .unwrap_or(order.len())
}

/// The part with the children of every sequence element in schema order.
pub(super) fn reorder(xml: &[u8]) -> quick_xml::Result<Vec<u8>> {
    let mut reader = Reader::from_reader(xml);
    let mut writer = Writer::new(Vec::with_capacity(xml.len()));
    loop {
        match reader.read_event()? {
            Event::Eof => break,
            Event::Start(e) if sequence(e.name().as_ref()).is_some() => {
                let subtree = read_subtree(&mut reader, Event::Start(e.into_owned()))?;
                write_sorted(&mut writer, subtree)?;
            }
            e => writer.write_event(e)?,
        }
    }
    Ok(writer.into_inner())
}

/// The events of an element, from its start to its end.
fn read_subtree(
    reader: &mut Reader<&[u8]>,
    start: Event<'static>,
) -> quick_xml::Result<Vec<Event<'static>>> {
    let mut events = vec![start];
    let mut depth = 1;
    while depth > 0 {
        let e = reader.read_event()?.into_owned();
        match &e {
            Event::Start(_) => depth += 1,
            Event::End(_) => depth -= 1,
            Event::Eof => {
                return Err(quick_xml::Error::Io(std::sync::Arc::new(
                    std::io::Error::other("the part ends inside an element"),
                )))
            }
            _ => {}
        }
        events.push(e);
    }
    Ok(events)
}

/// Writes a sequence element with its children sorted, and theirs in turn.
fn write_sorted(writer: &mut Writer<Vec<u8>>, events: Vec<Event<'static>>) -> std::io::Result<()> {
    let mut events = events.into_iter();
    let Some(Event::Start(start)) = events.next() else {
        return Ok(());
    };
    let order = sequence(start.name().as_ref()).unwrap_or(&[]);
    let mut inner: Vec<Event<'static>> = events.collect();
    let end = inner.pop();
    // Split the content into children: an element with its content, or a lone event.
    let mut children: Vec<(usize, Vec<Event<'static>>)> = Vec::new();
    let mut depth = 0;
    for e in inner {
        if depth == 0 {
            let rank = match &e {
                Event::Start(s) | Event::Empty(s) => rank(order, s.name().as_ref()),
                _ => order.len(),
            };
            children.push((rank, Vec::new()));
        }
        match &e {
            Event::Start(_) => depth += 1,
            Event::End(_) => depth -= 1,
            _ => {}
        }
        if let Some((_, child)) = children.last_mut() {
            child.push(e);
        }
    }
    children.sort_by_key(|(rank, _)| *rank);
    writer.write_event(Event::Start(start))?;
    for (_, child) in children {
        match child.first() {
            Some(Event::Start(s)) if sequence(s.name().as_ref()).is_some() => {
                write_sorted(writer, child)?;
            }
            _ => {
                for e in child {
                    writer.write_event(e)?;
                }
            }
        }
    }
    if let Some(end) = end {
        writer.write_event(end)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::reorder;

    fn run(xml: &str) -> String {
        String::from_utf8(reorder(xml.as_bytes()).unwrap()).unwrap()
    }

    #[test]
    fn children_of_sequences_are_sorted_and_the_rest_is_untouched() {
        assert_eq!(
            run(
                r#"<w:p a="1"><w:pPr><w:rPr /><w:pStyle w:val="X" /><w:numPr><w:numId w:val="1" /><w:ilvl w:val="0" /></w:numPr><w:keepNext /></w:pPr><w:r><w:rPr><w:b /><w:rStyle w:val="C" /></w:rPr><w:t xml:space="preserve"> a &amp; b </w:t></w:r></w:p>"#
            ),
            r#"<w:p a="1"><w:pPr><w:pStyle w:val="X" /><w:keepNext /><w:numPr><w:ilvl w:val="0" /><w:numId w:val="1" /></w:numPr><w:rPr /></w:pPr><w:r><w:rPr><w:rStyle w:val="C" /><w:b /></w:rPr><w:t xml:space="preserve"> a &amp; b </w:t></w:r></w:p>"#
        );
    }

    #[test]
    fn unknown_children_keep_their_order_at_the_end() {
        assert_eq!(
            run(r#"<w:tcPr><w:x /><w:shd /><w:y /><w:tcW /></w:tcPr>"#),
            r#"<w:tcPr><w:tcW /><w:shd /><w:x /><w:y /></w:tcPr>"#
        );
        assert_eq!(
            run(
                r#"<w:sectPr><w:pgSz /><w:cols /><w:headerReference /><w:footerReference /></w:sectPr>"#
            ),
            r#"<w:sectPr><w:headerReference /><w:footerReference /><w:pgSz /><w:cols /></w:sectPr>"#
        );
    }
}
