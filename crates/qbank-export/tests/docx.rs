//! The DOCX read back as a reader reads it: the ZIP opened with `zip`, every XML part parsed
//! with quick-xml, the paragraphs of `word/document.xml` with their styles and text; the
//! package checked for what Word needs (content types, relationships, styles and numbering
//! that exist); determinism; bad input.

mod support;

use support::{bank, document, kit_document, selection};

use std::collections::{BTreeMap, BTreeSet};
use std::io::{Cursor, Read};

use qbank_core::Edition;
use qbank_doc::{
    Block, Cell, Choice, Column, Document, Field, ListMarker, Meta, ParagraphStyle, Run, Running,
};
use qbank_export::docx::{export_docx, DocxOptions, Paper};
use qbank_export::Warning;
use quick_xml::events::Event;

fn a_document(blocks: Vec<Block>) -> Document {
    Document {
        meta: Meta {
            title: "Test kit".to_owned(),
            subject: "Test — Interviewer edition".to_owned(),
            keywords: vec!["test".to_owned(), "seed 1".to_owned()],
            date: Some("2026-03-01".to_owned()),
            lang: "en".to_owned(),
        },
        header: Running {
            left: "Test kit".to_owned(),
            right: "Ada Lovelace · Interviewer edition".to_owned(),
        },
        footer: Running {
            left: "test · seed 1".to_owned(),
            right: "page {page} of {pages}".to_owned(),
        },
        layout: Default::default(),
        blocks,
    }
}

fn plain(text: &str) -> Vec<Run> {
    vec![Run::plain(text)]
}

/// A document with one block of every kind.
fn every_block() -> Document {
    a_document(vec![
        Block::Title {
            text: "Test kit".to_owned(),
            subtitle: Some("Interviewer edition".to_owned()),
        },
        Block::Fields {
            fields: vec![
                Field {
                    label: "Candidate".to_owned(),
                    value: Some("Ada Lovelace".to_owned()),
                },
                Field {
                    label: "Date".to_owned(),
                    value: None,
                },
            ],
        },
        Block::Paragraph {
            style: ParagraphStyle::Body,
            runs: vec![
                Run::plain("Plain, "),
                Run::bold("bold"),
                Run::plain(" and "),
                Run::italic("italic"),
                Run::plain("."),
            ],
        },
        Block::Heading {
            level: 1,
            text: "Time plan".to_owned(),
        },
        Block::Table {
            columns: vec![
                Column {
                    title: "Start".to_owned(),
                    width: 0.25,
                },
                Column {
                    title: "Section".to_owned(),
                    width: 0.75,
                },
            ],
            rows: vec![vec![
                Cell::Text(plain("0:00")),
                Cell::Text(vec![Run::bold("Warm-up")]),
            ]],
        },
        Block::PageBreak,
        Block::Heading {
            level: 1,
            text: "Warm-up".to_owned(),
        },
        Block::KeepTogether {
            source: Some("question q1".to_owned()),
            blocks: vec![
                Block::Heading {
                    level: 2,
                    text: "Question 1 of 1".to_owned(),
                },
                Block::Paragraph {
                    style: ParagraphStyle::Meta,
                    runs: plain("Topic · Mid · 4 min"),
                },
                Block::Paragraph {
                    style: ParagraphStyle::Lead,
                    runs: plain("What is a canary release?"),
                },
                Block::Heading {
                    level: 3,
                    text: "Follow-ups".to_owned(),
                },
                Block::List {
                    marker: ListMarker::Bullet,
                    items: vec![plain("How big is the canary?")],
                },
                Block::Checklist {
                    items: vec!["Names a metric to watch".to_owned()],
                },
                Block::List {
                    marker: ListMarker::Flag,
                    items: vec![plain("Ships to everyone at once")],
                },
                Block::RatingRow {
                    label: "Rating".to_owned(),
                    choices: vec![
                        Choice {
                            mark: "1".to_owned(),
                            anchor: Some("No signal".to_owned()),
                        },
                        Choice {
                            mark: "2".to_owned(),
                            anchor: None,
                        },
                    ],
                },
                Block::NoteLines { lines: 2 },
            ],
        },
        Block::PageBreak,
        Block::Heading {
            level: 1,
            text: "Scorecard".to_owned(),
        },
        Block::Table {
            columns: vec![
                Column {
                    title: "#".to_owned(),
                    width: 0.1,
                },
                Column {
                    title: "Rating".to_owned(),
                    width: 0.9,
                },
            ],
            rows: vec![vec![
                Cell::Text(plain("1")),
                Cell::Boxes(vec!["1".to_owned(), "2".to_owned()]),
            ]],
        },
    ])
}

/// The parts of a DOCX, by name.
fn unzip(bytes: &[u8]) -> BTreeMap<String, String> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("the DOCX is a ZIP");
    let mut parts = BTreeMap::new();
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).unwrap();
        assert!(!file.is_dir(), "folder entry {}", file.name());
        let mut text = String::new();
        file.read_to_string(&mut text)
            .unwrap_or_else(|e| panic!("{} is not UTF-8: {e}", file.name()));
        parts.insert(file.name().to_owned(), text);
    }
    parts
}

/// Whether XML 1.0 allows the character (its `Char` production).
fn xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// Parses an XML part the way a strict reader does: balanced and matching tags, unique
/// attributes, known entities, and only characters XML 1.0 allows, raw or referenced.
fn check_xml(name: &str, xml: &str) {
    if let Some(c) = xml.chars().find(|&c| !xml_char(c)) {
        panic!(
            "{name}: character U+{:04X} is not allowed in XML",
            u32::from(c)
        );
    }
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut depth = 0usize;
    let mut roots = 0;
    loop {
        match reader.read_event() {
            Ok(Event::Eof) => break,
            Ok(Event::Start(e)) => {
                if depth == 0 {
                    roots += 1;
                }
                depth += 1;
                for a in e.attributes().with_checks(true) {
                    a.unwrap_or_else(|err| panic!("{name}: bad attribute: {err}"));
                }
            }
            Ok(Event::Empty(e)) => {
                if depth == 0 {
                    roots += 1;
                }
                for a in e.attributes().with_checks(true) {
                    a.unwrap_or_else(|err| panic!("{name}: bad attribute: {err}"));
                }
            }
            Ok(Event::End(_)) => depth -= 1,
            Ok(Event::GeneralRef(r)) => {
                let known = ["amp", "lt", "gt", "quot", "apos"];
                match r.resolve_char_ref() {
                    Ok(Some(c)) => {
                        assert!(xml_char(c), "{name}: reference to U+{:04X}", u32::from(c))
                    }
                    Ok(None) => {
                        let entity = r.decode().unwrap();
                        assert!(
                            known.contains(&&*entity),
                            "{name}: unknown entity &{entity};"
                        );
                    }
                    Err(e) => panic!("{name}: bad reference: {e}"),
                }
            }
            Ok(_) => {}
            Err(e) => panic!(
                "{name}: not well-formed at {}: {e}",
                reader.buffer_position()
            ),
        }
    }
    assert_eq!(depth, 0, "{name}: unclosed elements");
    assert_eq!(roots, 1, "{name}: one root element");
}

/// Every part well-formed, declared in `[Content_Types].xml` and reachable through the
/// relationships.
fn check_package(parts: &BTreeMap<String, String>) {
    for (name, xml) in parts {
        check_xml(name, xml);
    }
    let types = &parts["[Content_Types].xml"];
    for name in parts.keys() {
        let declared = types.contains(&format!("PartName=\"/{name}\""))
            || (name.ends_with(".rels") && types.contains("Extension=\"rels\""))
            || (name.ends_with(".xml") && types.contains("Extension=\"xml\""));
        assert!(declared, "{name} has no content type");
    }
    for (rels, folder) in [
        ("_rels/.rels", ""),
        ("word/_rels/document.xml.rels", "word/"),
    ] {
        for target in attribute_values(&parts[rels], "Target") {
            let target = target.trim_start_matches('/');
            let path = if target.starts_with("word/") || target.starts_with("docProps/") {
                target.to_owned()
            } else {
                format!("{folder}{target}")
            };
            assert!(parts.contains_key(&path), "{rels} points at missing {path}");
        }
    }
    let main = &parts["word/document.xml"];
    let styles = &parts["word/styles.xml"];
    let style_ids: BTreeSet<String> = attribute_values(styles, "w:styleId").into_iter().collect();
    for attr in ["w:pStyle", "w:rStyle", "w:tblStyle"] {
        for part in ["word/document.xml", "word/header1.xml", "word/footer1.xml"] {
            for id in element_values(&parts[part], attr) {
                assert!(
                    style_ids.contains(&id),
                    "{part} uses style {id}, which styles.xml lacks"
                );
            }
        }
    }
    assert_eq!(
        style_ids.len(),
        attribute_values(styles, "w:styleId").len(),
        "a style is defined twice"
    );
    let numbering = &parts["word/numbering.xml"];
    let nums: BTreeSet<String> = attribute_values(numbering, "w:numId").into_iter().collect();
    for id in element_values(main, "w:numId") {
        assert!(nums.contains(&id), "numId {id} is not defined");
    }
    check_tables(main);
    for part in ["word/document.xml", "word/header1.xml", "word/footer1.xml"] {
        check_order(part, &parts[part]);
    }
    let para_ids: Vec<String> = parts
        .values()
        .flat_map(|xml| attribute_values(xml, "w14:paraId"))
        .collect();
    let unique: BTreeSet<&String> = para_ids.iter().collect();
    assert_eq!(unique.len(), para_ids.len(), "paragraph ids repeat");
    for id in &para_ids {
        let n = u32::from_str_radix(id, 16).expect("hex paragraph id");
        assert!(n > 0 && n < 0x8000_0000, "paragraph id {id} out of range");
    }
}

/// Word refuses a table without rows, a row without cells and a cell that does not end
/// with a paragraph.
fn check_tables(xml: &str) {
    let mut reader = quick_xml::Reader::from_str(xml);
    // For each open element: its name, how many children, and the name of the last one.
    let mut stack: Vec<(Vec<u8>, usize, Vec<u8>)> = Vec::new();
    loop {
        match reader.read_event().unwrap() {
            Event::Eof => break,
            Event::Start(e) => {
                if let Some(parent) = stack.last_mut() {
                    parent.1 += 1;
                    parent.2 = e.name().as_ref().to_vec();
                }
                stack.push((e.name().as_ref().to_vec(), 0, Vec::new()));
            }
            Event::Empty(e) => {
                if let Some(parent) = stack.last_mut() {
                    parent.1 += 1;
                    parent.2 = e.name().as_ref().to_vec();
                }
                let name = e.name().as_ref().to_vec();
                assert!(
                    !matches!(&name[..], b"w:tbl" | b"w:tr" | b"w:tc"),
                    "empty {}",
                    String::from_utf8_lossy(&name)
                );
            }
            Event::End(_) => {
                let (name, _, last) = stack.pop().unwrap();
                match &name[..] {
                    b"w:tbl" | b"w:tr" => assert!(
                        !last.is_empty()
                            && &last[..]
                                == if &name[..] == b"w:tbl" {
                                    &b"w:tr"[..]
                                } else {
                                    &b"w:tc"[..]
                                },
                        "{} ends with {}",
                        String::from_utf8_lossy(&name),
                        String::from_utf8_lossy(&last)
                    ),
                    b"w:tc" => assert_eq!(
                        &last[..],
                        b"w:p",
                        "a cell ends with {}",
                        String::from_utf8_lossy(&last)
                    ),
                    _ => {}
                }
            }
            _ => {}
        }
    }
}

/// Children of the property elements the exporter writes come in the order ECMA-376 fixes
/// (Part 1, §17.3.1.26 pPr, §17.3.2.28 rPr, §17.4.60 tblPr, §17.4.70 tcPr, §17.6.17 sectPr,
/// §17.3.1.19 numPr), as Word's validator expects.
fn check_order(part: &str, xml: &str) {
    let sequences: [(&str, &[&str]); 6] = [
        (
            "w:pPr",
            &[
                "pStyle",
                "keepNext",
                "keepLines",
                "pageBreakBefore",
                "numPr",
                "pBdr",
                "shd",
                "tabs",
                "bidi",
                "spacing",
                "ind",
                "jc",
                "outlineLvl",
                "rPr",
            ],
        ),
        (
            "w:rPr",
            &[
                "rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "color", "sz", "szCs", "lang",
            ],
        ),
        (
            "w:tblPr",
            &[
                "tblStyle",
                "tblW",
                "jc",
                "tblInd",
                "tblBorders",
                "shd",
                "tblLayout",
                "tblCellMar",
                "tblLook",
            ],
        ),
        (
            "w:tcPr",
            &["tcW", "gridSpan", "vMerge", "tcBorders", "shd", "vAlign"],
        ),
        (
            "w:sectPr",
            &[
                "headerReference",
                "footerReference",
                "pgSz",
                "pgMar",
                "cols",
                "titlePg",
                "docGrid",
            ],
        ),
        ("w:numPr", &["ilvl", "numId"]),
    ];
    let mut reader = quick_xml::Reader::from_str(xml);
    // For each open element: its name and the position of its last child in its sequence.
    let mut stack: Vec<(String, usize)> = Vec::new();
    loop {
        let (name, empty) = match reader.read_event().unwrap() {
            Event::Eof => break,
            Event::Start(e) => (
                String::from_utf8(e.name().as_ref().to_vec()).unwrap(),
                false,
            ),
            Event::Empty(e) => (String::from_utf8(e.name().as_ref().to_vec()).unwrap(), true),
            Event::End(_) => {
                stack.pop();
                continue;
            }
            _ => continue,
        };
        if let Some((parent, last)) = stack.last_mut() {
            if let Some((_, order)) = sequences.iter().find(|(n, _)| n == parent) {
                let local = name.trim_start_matches("w:");
                let position = order.iter().position(|c| *c == local).unwrap_or_else(|| {
                    panic!("{part}: {parent} has a child {name} this test does not know")
                });
                // Header and footer references may come in any order among themselves.
                let position = if *parent == "w:sectPr" && position == 1 {
                    0
                } else {
                    position
                };
                assert!(
                    position >= *last,
                    "{part}: {name} comes too late in {parent}"
                );
                *last = position;
            }
        }
        if !empty {
            stack.push((name, 0));
        }
    }
}

/// Values of an attribute anywhere in a part.
fn attribute_values(xml: &str, attribute: &str) -> Vec<String> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut out = Vec::new();
    loop {
        match reader.read_event().unwrap() {
            Event::Eof => break,
            Event::Start(e) | Event::Empty(e) => {
                for a in e.attributes() {
                    let a = a.unwrap();
                    if a.key.as_ref() == attribute.as_bytes() {
                        out.push(
                            a.decoded_and_normalized_value(
                                quick_xml::XmlVersion::Implicit1_0,
                                reader.decoder(),
                            )
                            .unwrap()
                            .into_owned(),
                        );
                    }
                }
            }
            _ => {}
        }
    }
    out
}

/// The `w:val` of every element with this name.
fn element_values(xml: &str, element: &str) -> Vec<String> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut out = Vec::new();
    loop {
        match reader.read_event().unwrap() {
            Event::Eof => break,
            Event::Start(e) | Event::Empty(e) if e.name().as_ref() == element.as_bytes() => {
                for a in e.attributes() {
                    let a = a.unwrap();
                    if a.key.as_ref() == b"w:val" {
                        out.push(
                            a.decoded_and_normalized_value(
                                quick_xml::XmlVersion::Implicit1_0,
                                reader.decoder(),
                            )
                            .unwrap()
                            .into_owned(),
                        );
                    }
                }
            }
            _ => {}
        }
    }
    out
}

/// A paragraph as a reader sees it.
#[derive(Debug, Default, Clone)]
struct Para {
    style: String,
    text: String,
    /// Property elements of the paragraph (`keepNext`, `pageBreakBefore`, `bidi`…).
    props: BTreeSet<String>,
    in_table: bool,
}

/// The paragraphs of a part, in order, with their text: `w:t` as text, `w:tab` as a tab,
/// `w:br` as a newline, a field as its instruction in braces.
fn paragraphs(xml: &str) -> Vec<Para> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut out = Vec::new();
    let mut current: Option<Para> = None;
    let mut stack: Vec<String> = Vec::new();
    let mut tables = 0;
    loop {
        let event = reader.read_event().unwrap();
        let (name, empty) = match &event {
            Event::Start(e) => (
                String::from_utf8(e.name().as_ref().to_vec()).unwrap(),
                false,
            ),
            Event::Empty(e) => (String::from_utf8(e.name().as_ref().to_vec()).unwrap(), true),
            _ => (String::new(), false),
        };
        match &event {
            Event::Eof => break,
            Event::Start(_) | Event::Empty(_) => {
                match name.as_str() {
                    "w:tbl" if !empty => tables += 1,
                    "w:p" => {
                        current = Some(Para {
                            in_table: tables > 0,
                            ..Para::default()
                        })
                    }
                    "w:pStyle" => {
                        if let (Some(p), Event::Empty(e)) = (&mut current, &event) {
                            let v = e.try_get_attribute("w:val").unwrap().unwrap();
                            p.style = v
                                .decoded_and_normalized_value(
                                    quick_xml::XmlVersion::Implicit1_0,
                                    reader.decoder(),
                                )
                                .unwrap()
                                .into_owned();
                        }
                    }
                    "w:tab" if stack.last().is_some_and(|s| s == "w:r") => {
                        if let Some(p) = &mut current {
                            p.text.push('\t');
                        }
                    }
                    "w:br" => {
                        if let Some(p) = &mut current {
                            p.text.push('\n');
                        }
                    }
                    _ => {}
                }
                if stack.last().is_some_and(|s| s == "w:pPr") {
                    if let Some(p) = &mut current {
                        p.props.insert(name.trim_start_matches("w:").to_owned());
                    }
                }
                if !empty {
                    stack.push(name.clone());
                }
                if name == "w:p" && empty {
                    out.push(current.take().unwrap());
                }
            }
            Event::End(e) => {
                stack.pop();
                match e.name().as_ref() {
                    b"w:p" => out.push(current.take().unwrap()),
                    b"w:tbl" => tables -= 1,
                    _ => {}
                }
            }
            Event::Text(t) => {
                let inside = stack.last().map(String::as_str);
                if let (Some(p), Some("w:t" | "w:instrText")) = (&mut current, inside) {
                    let text = t.decode().unwrap();
                    if inside == Some("w:instrText") {
                        p.text.push_str(&format!("{{{}}}", text.trim()));
                    } else {
                        p.text.push_str(&text);
                    }
                }
            }
            Event::GeneralRef(r) => {
                if let (Some(p), Some("w:t")) = (&mut current, stack.last().map(String::as_str)) {
                    let c = match r.resolve_char_ref().unwrap() {
                        Some(c) => c,
                        None => match &*r.decode().unwrap() {
                            "amp" => '&',
                            "lt" => '<',
                            "gt" => '>',
                            "quot" => '"',
                            "apos" => '\'',
                            other => panic!("entity {other}"),
                        },
                    };
                    p.text.push(c);
                }
            }
            _ => {}
        }
    }
    out
}

/// `word/document.xml` indented, one element per line, for snapshots.
fn pretty(xml: &str) -> String {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut writer = quick_xml::Writer::new_with_indent(Vec::new(), b' ', 1);
    loop {
        match reader.read_event().unwrap() {
            Event::Eof => break,
            e => writer.write_event(e).unwrap(),
        }
    }
    String::from_utf8(writer.into_inner()).unwrap()
}

fn export(doc: &Document) -> (BTreeMap<String, String>, Vec<Warning>) {
    let out = export_docx(doc, &DocxOptions::default()).expect("exports");
    let parts = unzip(&out.bytes);
    check_package(&parts);
    (parts, out.warnings)
}

#[test]
fn every_block_kind_in_word_document_xml() {
    let (parts, warnings) = export(&every_block());
    assert!(warnings.is_empty(), "{warnings:?}");
    insta::assert_snapshot!("every_block", pretty(&parts["word/document.xml"]));
}

#[test]
fn blocks_become_styled_paragraphs_with_page_breaks_and_kept_groups() {
    let (parts, _) = export(&every_block());
    let paras = paragraphs(&parts["word/document.xml"]);
    let body: Vec<&Para> = paras.iter().filter(|p| !p.in_table).collect();
    let styled = |style: &str| -> Vec<&str> {
        paras
            .iter()
            .filter(|p| p.style == style)
            .map(|p| p.text.as_str())
            .collect()
    };
    assert_eq!(styled("Title"), ["Test kit"]);
    assert_eq!(styled("Subtitle"), ["Interviewer edition"]);
    assert_eq!(styled("Heading1"), ["Time plan", "Warm-up", "Scorecard"]);
    assert_eq!(styled("Heading2"), ["Question 1 of 1"]);
    assert_eq!(styled("Heading3"), ["Follow-ups"]);
    assert_eq!(styled("Lead"), ["What is a canary release?"]);
    assert_eq!(styled("ListBullet"), ["How big is the canary?"]);
    assert_eq!(styled("Checklist"), ["Names a metric to watch"]);
    assert_eq!(styled("ListFlag"), ["Ships to everyone at once"]);
    assert_eq!(styled("NoteLine"), ["", ""]);
    assert_eq!(styled("TableHeading"), ["Start", "Section", "#", "Rating"]);
    assert_eq!(styled("FieldLabel"), ["Candidate", "Date", "Rating"]);
    // Body text has an explicit style: a paragraph without one reads back as no style at
    // all in python-docx.
    assert!(
        paras.iter().all(|p| !p.style.is_empty()),
        "{:?}",
        paras.iter().find(|p| p.style.is_empty())
    );
    assert_eq!(styled("Normal"), ["Plain, bold and italic."]);
    // Tick boxes in rating rows and on the scorecard.
    assert!(paras.iter().any(|p| p.text == "☐ 1 No signal"), "{paras:?}");
    assert!(
        paras.iter().any(|p| p.text == "☐\u{a0}1 ☐\u{a0}2"),
        "{paras:?}"
    );
    // Page breaks before the two headings that follow them.
    let breaks: Vec<&str> = body
        .iter()
        .filter(|p| p.props.contains("pageBreakBefore"))
        .map(|p| p.text.as_str())
        .collect();
    assert_eq!(breaks, ["Warm-up", "Scorecard"]);
    // The question is one group: every paragraph but the last keeps with the next one.
    let start = paras
        .iter()
        .position(|p| p.text == "Question 1 of 1")
        .unwrap();
    let end = paras.iter().rposition(|p| p.style == "NoteLine").unwrap();
    for p in &paras[start..end] {
        assert!(p.props.contains("keepNext"), "{p:?}");
        assert!(p.props.contains("keepLines"), "{p:?}");
    }
    assert!(!paras[end].props.contains("keepNext"));
    // Table header rows repeat on every page.
    let main = &parts["word/document.xml"];
    assert_eq!(main.matches("<w:tblHeader />").count(), 2);
    assert!(!main.contains(r#"w:trHeight w:val="1""#));
}

#[test]
fn header_and_footer_carry_the_running_text_and_page_fields() {
    let (parts, _) = export(&every_block());
    let header = paragraphs(&parts["word/header1.xml"]);
    let footer = paragraphs(&parts["word/footer1.xml"]);
    assert_eq!(header.len(), 1);
    assert_eq!(header[0].style, "Header");
    assert_eq!(
        header[0].text,
        "Test kit\tAda Lovelace · Interviewer edition"
    );
    assert_eq!(footer[0].style, "Footer");
    // `1` is the field's last computed value; Word and LibreOffice compute it again.
    assert_eq!(footer[0].text, "test · seed 1\tpage {PAGE}1 of {NUMPAGES}1");
    let sect = &parts["word/document.xml"];
    assert!(sect.contains(r#"<w:headerReference w:type="default" r:id="rIdHeader1" />"#));
    assert!(sect.contains(r#"<w:footerReference w:type="default" r:id="rIdFooter1" />"#));
}

#[test]
fn styles_have_the_names_word_knows() {
    let (parts, _) = export(&every_block());
    let styles = &parts["word/styles.xml"];
    let names = element_values(styles, "w:name");
    for name in [
        "Normal",
        "Title",
        "Subtitle",
        "heading 1",
        "heading 2",
        "heading 3",
        "List Bullet",
        "header",
        "footer",
        "Kit Table",
    ] {
        assert!(names.iter().any(|n| n == name), "no style named {name}");
    }
    // One Normal style (docx-rs always writes its own; this part replaces its styles).
    assert_eq!(names.iter().filter(|n| *n == "Normal").count(), 1);
    // Headings carry outline levels 0–2, which feed the navigation pane.
    for (id, level) in [("Heading1", 0), ("Heading2", 1), ("Heading3", 2)] {
        let at = styles.find(&format!(r#"w:styleId="{id}""#)).unwrap();
        let style = &styles[at..at + styles[at..].find("</w:style>").unwrap()];
        assert!(
            style.contains(&format!(r#"<w:outlineLvl w:val="{level}"/>"#)),
            "{id}"
        );
        assert!(style.contains("<w:keepNext/>"), "{id}");
    }
}

#[test]
fn document_properties_come_from_the_document() {
    let (parts, _) = export(&every_block());
    let core = &parts["docProps/core.xml"];
    assert!(core.contains("<dc:title>Test kit</dc:title>"));
    assert!(core.contains("<dc:subject>Test — Interviewer edition</dc:subject>"));
    assert!(core.contains("<cp:keywords>test; seed 1</cp:keywords>"));
    assert!(core.contains("<dc:creator>qbank</dc:creator>"));
    assert!(core.contains(
        r#"<dcterms:created xsi:type="dcterms:W3CDTF">2026-03-01T00:00:00Z</dcterms:created>"#
    ));
    // Without a date, no date at all (and nothing from the clock).
    let mut undated = every_block();
    undated.meta.date = None;
    let (parts, _) = export(&undated);
    assert!(!parts["docProps/core.xml"].contains("dcterms:created"));
}

#[test]
fn every_kit_has_every_question_in_both_editions_on_both_papers() {
    let bank = bank();
    for kit in &bank.kits {
        let selection = selection(&bank, kit);
        for edition in [Edition::Interviewer, Edition::Candidate] {
            let doc = document(&bank, kit, &selection, edition);
            for paper in [Paper::A4, Paper::Letter] {
                let what = format!("{} {edition:?} {paper:?}", kit.id);
                let out = export_docx(&doc, &DocxOptions { paper }).unwrap();
                assert!(out.warnings.is_empty(), "{what}: {:?}", out.warnings);
                let parts = unzip(&out.bytes);
                check_package(&parts);
                let paras = paragraphs(&parts["word/document.xml"]);
                let lead: Vec<String> = paras
                    .iter()
                    .filter(|p| p.style == "Lead")
                    .map(|p| p.text.clone())
                    .collect();
                let texts: Vec<String> =
                    selection.questions(&bank).map(|q| q.text.clone()).collect();
                assert_eq!(lead, texts, "{what}: question texts in kit order");
                let headings = paras.iter().filter(|p| p.style == "Heading2").count();
                assert_eq!(headings, selection.len(), "{what}");
                // The interviewer edition has the scorecard and the rubric; the candidate
                // edition neither.
                let interviewer = edition == Edition::Interviewer;
                assert_eq!(
                    paras.iter().any(|p| p.text == "Scorecard"),
                    interviewer,
                    "{what}"
                );
                assert_eq!(
                    paras.iter().any(|p| p.style == "Checklist"),
                    interviewer,
                    "{what}"
                );
                let (w, h) = match paper {
                    Paper::A4 => (11906, 16838),
                    Paper::Letter => (12240, 15840),
                };
                assert!(
                    parts["word/document.xml"]
                        .contains(&format!(r#"<w:pgSz w:w="{w}" w:h="{h}" />"#)),
                    "{what}: page size"
                );
            }
        }
    }
}

#[test]
fn the_project_kits_in_word_document_xml() {
    let bank = bank();
    for kit in &bank.kits {
        for edition in [Edition::Interviewer, Edition::Candidate] {
            let doc = kit_document(&bank, &kit.id, edition);
            let (parts, _) = export(&doc);
            insta::with_settings!({snapshot_suffix => format!("{}-{}", kit.id, edition.as_str())}, {
                insta::assert_snapshot!("kit", pretty(&parts["word/document.xml"]));
            });
        }
    }
}

#[test]
fn the_same_document_gives_the_same_bytes_in_one_process() {
    let bank = bank();
    let doc = kit_document(&bank, "mlops-engineer", Edition::Interviewer);
    let first = export_docx(&doc, &DocxOptions::default()).unwrap().bytes;
    // Another document in between moves docx-rs's paragraph counter along.
    let other = export_docx(&every_block(), &DocxOptions::default()).unwrap();
    assert_ne!(other.bytes, first);
    let second = export_docx(&doc, &DocxOptions::default()).unwrap().bytes;
    assert!(first == second, "two exports of one document differ");
    // A different document gives different bytes.
    let candidate = kit_document(&bank, "mlops-engineer", Edition::Candidate);
    assert_ne!(
        export_docx(&candidate, &DocxOptions::default())
            .unwrap()
            .bytes,
        first
    );
    // The archive's entries carry no clock time.
    let mut archive = zip::ZipArchive::new(Cursor::new(&first)).unwrap();
    for i in 0..archive.len() {
        let file = archive.by_index(i).unwrap();
        let t = file.last_modified().unwrap();
        assert_eq!(
            (t.year(), t.month(), t.day()),
            (1980, 1, 1),
            "{}",
            file.name()
        );
        assert_eq!(file.compression(), zip::CompressionMethod::Deflated);
    }
}

#[test]
fn reserved_forbidden_and_right_to_left_text() {
    let hostile = "Tom & Jerry <script>\"quoted\" 'single' ]]> a\u{1}b\u{B}c\u{FFFE}d\u{FFFF}\u{0}";
    let mut doc = a_document(vec![
        Block::Heading {
            level: 1,
            text: "Part <1> & \"two\"".to_owned(),
        },
        Block::KeepTogether {
            source: Some("question hostile".to_owned()),
            blocks: vec![
                Block::Paragraph {
                    style: ParagraphStyle::Lead,
                    runs: plain(hostile),
                },
                Block::Paragraph {
                    style: ParagraphStyle::Body,
                    runs: plain("line one\nline two\r\nline three\rline four\tafter a tab"),
                },
                Block::Paragraph {
                    style: ParagraphStyle::Body,
                    runs: plain("מה ההבדל בין פריסה הדרגתית לפריסה כחולה-ירוקה?"),
                },
                Block::Paragraph {
                    style: ParagraphStyle::Body,
                    runs: plain("ما الفرق بين النشر التدريجي والنشر الأزرق-الأخضر؟"),
                },
                Block::Paragraph {
                    style: ParagraphStyle::Body,
                    runs: plain("Mixed: explain מודל in one line"),
                },
                Block::Checklist {
                    items: vec!["Names \u{7} the bell".to_owned()],
                },
            ],
        },
        Block::Table {
            columns: vec![Column {
                title: "Long".to_owned(),
                width: 1.0,
            }],
            rows: vec![vec![Cell::Text(plain(&"x".repeat(40_000)))]],
        },
    ]);
    doc.header.left = "Kit \u{1} & <title>".to_owned();
    doc.meta.title = "Kit \u{1} & <title>".to_owned();
    let (parts, warnings) = export(&doc);
    let paras = paragraphs(&parts["word/document.xml"]);

    // Reserved characters are escaped and read back as they were.
    assert_eq!(paras[0].text, "Part <1> & \"two\"");
    assert_eq!(
        paras[1].text,
        "Tom & Jerry <script>\"quoted\" 'single' ]]> a\u{FFFD}b\u{FFFD}c\u{FFFD}d\u{FFFD}\u{FFFD}"
    );
    // Newlines are line breaks, tabs are tabs.
    assert_eq!(
        paras[2].text,
        "line one\nline two\nline three\nline four\tafter a tab"
    );
    assert!(!parts["word/document.xml"].contains("&#xA;"));
    // Right-to-left paragraphs are marked so; a left-to-right one with a Hebrew word is not.
    assert!(paras[3].props.contains("bidi"), "{:?}", paras[3]);
    assert!(paras[4].props.contains("bidi"), "{:?}", paras[4]);
    assert!(!paras[5].props.contains("bidi"), "{:?}", paras[5]);
    assert_eq!(
        paras[3].text,
        "מה ההבדל בין פריסה הדרגתית לפריסה כחולה-ירוקה?"
    );
    // A 40,000-character cell is kept whole, in a table of fixed width.
    assert!(paras.iter().any(|p| p.text.len() == 40_000));
    assert!(parts["word/document.xml"].contains(r#"<w:tblLayout w:type="fixed" />"#));
    assert_eq!(
        paragraphs(&parts["word/header1.xml"])[0].text,
        "Kit \u{FFFD} & <title>\tAda Lovelace · Interviewer edition"
    );
    assert!(parts["docProps/core.xml"]
        .contains("<dc:title>Kit \u{FFFD} &amp; &lt;title&gt;</dc:title>"));

    // One warning per place, naming the characters.
    let messages: Vec<String> = warnings.iter().map(ToString::to_string).collect();
    assert_eq!(
        messages,
        [
            "the page header has control characters a DOCX cannot hold: U+0001; they are written as \u{FFFD}",
            "the document information has control characters a DOCX cannot hold: U+0001; they are written as \u{FFFD}",
            "question hostile has control characters a DOCX cannot hold: U+0000, U+0001, U+0007, U+000B, U+FFFE, U+FFFF; they are written as \u{FFFD}",
        ]
    );
}

#[test]
fn an_empty_document_is_a_valid_docx() {
    let (parts, warnings) = export(&a_document(Vec::new()));
    assert!(warnings.is_empty());
    assert!(paragraphs(&parts["word/document.xml"]).is_empty());
}

#[test]
fn odd_shapes_of_blocks_are_valid() {
    let doc = a_document(vec![
        Block::PageBreak,
        Block::Table {
            columns: vec![],
            rows: vec![],
        },
        Block::Table {
            columns: vec![
                Column {
                    title: "A".to_owned(),
                    width: 0.0,
                },
                Column {
                    title: "B".to_owned(),
                    width: 0.0,
                },
            ],
            // A row shorter and a row longer than the columns.
            rows: vec![
                vec![],
                vec![
                    Cell::Text(plain("1")),
                    Cell::Text(plain("2")),
                    Cell::Text(plain("3")),
                ],
            ],
        },
        Block::RatingRow {
            label: String::new(),
            choices: vec![],
        },
        Block::Fields { fields: vec![] },
        Block::List {
            marker: ListMarker::Bullet,
            items: vec![vec![]],
        },
        Block::Heading {
            level: 9,
            text: String::new(),
        },
        Block::KeepTogether {
            source: None,
            blocks: vec![],
        },
        Block::NoteLines { lines: 0 },
        Block::PageBreak,
    ]);
    let (parts, _) = export(&doc);
    // A table without columns and fields without any print nothing; the other table and
    // the rating row are tables with rows and cells (checked in `check_package`).
    assert_eq!(parts["word/document.xml"].matches("<w:tbl>").count(), 2);
}
