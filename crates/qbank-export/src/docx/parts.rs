//! The package parts the DOCX exporter writes itself rather than through docx-rs: the style
//! sheet, the settings and the document properties.
//!
//! docx-rs 0.4 always adds an empty "Normal" style of its own, cannot set the title or the
//! author of the document, and its settings carry East Asian compatibility options
//! (`doNotLeaveBackslashAlone` turns `\` into `¥` in Japanese fonts). These parts hold no
//! text of the bank except the document properties, which are escaped here.
//!
//! Elements follow the order of the ECMA-376 schema (`CT_PPrBase`, `CT_RPr`, `CT_Style`,
//! `CT_TblPrBase`): Word rejects parts whose children are out of order.

use std::fmt::Write;

use qbank_doc::Meta;

/// Colours of the kit, as in the PDF.
pub(super) const INK: &str = "1C1F24";
pub(super) const ACCENT: &str = "17406B";
pub(super) const MUTED: &str = "666E7A";
pub(super) const RULE: &str = "BDC2CC";
pub(super) const BAND: &str = "EDF2F7";
pub(super) const FLAG: &str = "B3291F";

/// The text face: Arial is on every Windows and macOS machine, and LibreOffice maps it to
/// the metric-compatible Liberation Sans (or to DejaVu Sans).
pub(super) const TEXT_FONT: &str = "Arial";
/// The face of tick boxes and flags (☐ ⚑): Word's own symbol face; other systems fall back to
/// a face that has the glyphs (DejaVu Sans, OpenSymbol).
pub(super) const SYMBOL_FONT: &str = "Segoe UI Symbol";

/// Style ids, as the document refers to them. Their names (what Word shows) are in
/// [`styles`].
pub(super) mod id {
    pub const NORMAL: &str = "Normal";
    pub const TITLE: &str = "Title";
    pub const SUBTITLE: &str = "Subtitle";
    pub const HEADING: [&str; 3] = ["Heading1", "Heading2", "Heading3"];
    pub const LEAD: &str = "Lead";
    pub const META: &str = "Meta";
    pub const LIST_BULLET: &str = "ListBullet";
    pub const LIST_FLAG: &str = "ListFlag";
    pub const CHECKLIST: &str = "Checklist";
    pub const FIELD_LABEL: &str = "FieldLabel";
    pub const FIELD_VALUE: &str = "FieldValue";
    pub const TABLE_TEXT: &str = "TableText";
    pub const TABLE_HEADING: &str = "TableHeading";
    pub const HEADER: &str = "Header";
    pub const FOOTER: &str = "Footer";
    pub const CHECKBOX: &str = "Checkbox";
    pub const META_CHAR: &str = "MetaChar";
    pub const KIT_TABLE: &str = "KitTable";
    pub const FORM_TABLE: &str = "FormTable";
    pub const NOTE_LINE: &str = "NoteLine";
}

/// Numbering definitions (`numId`) of the three kinds of list.
pub(super) const NUM_BULLET: usize = 1;
pub(super) const NUM_FLAG: usize = 2;
pub(super) const NUM_CHECKBOX: usize = 3;

/// `word/styles.xml`: every style the document uses, with the names Word knows ("heading 1"
/// is shown as "Heading 1" and feeds the navigation pane; "Title", "List Bullet", "header"
/// and "footer" are Word's built-in styles), so that restyling a kit is changing a style.
///
/// `scale` sets every type size and every space before and after a paragraph at that fraction
/// of the standard layout's ([`qbank_doc::type_scale`]).
pub(super) fn styles(lang: &str, scale: f32) -> String {
    let lang = if lang.is_empty() {
        String::new()
    } else {
        format!(r#"<w:lang w:val="{}" w:bidi="ar-SA"/>"#, escape(lang))
    };
    let rule = |side: &str, size: u32, color: &str, space: u32| {
        format!(r#"<w:{side} w:val="single" w:sz="{size}" w:space="{space}" w:color="{color}"/>"#)
    };
    let mut s = String::with_capacity(12_000);
    s.push_str(r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#);
    s.push_str(
        r#"<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">"#,
    );
    let _ = write!(
        s,
        r#"<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="{TEXT_FONT}" w:hAnsi="{TEXT_FONT}" w:eastAsia="{TEXT_FONT}" w:cs="{TEXT_FONT}"/><w:color w:val="{INK}"/><w:sz w:val="20"/><w:szCs w:val="20"/>{lang}</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="80" w:line="264" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>"#
    );

    // Word's defaults for each kind of style.
    s.push_str(r#"<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/><w:pPr><w:spacing w:before="120"/></w:pPr></w:style>"#);
    s.push_str(r#"<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont"><w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/></w:style>"#);
    s.push_str(r#"<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>"#);
    s.push_str(r#"<w:style w:type="numbering" w:default="1" w:styleId="NoList"><w:name w:val="No List"/><w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/></w:style>"#);

    let mut paragraph = |id: &str, name: &str, next: &str, ppr: &str, rpr: &str| {
        let _ = write!(
            s,
            r#"<w:style w:type="paragraph" w:styleId="{id}"><w:name w:val="{name}"/><w:basedOn w:val="Normal"/><w:next w:val="{next}"/><w:qFormat/><w:pPr>{ppr}</w:pPr><w:rPr>{rpr}</w:rPr></w:style>"#
        );
    };
    paragraph(
        id::TITLE,
        "Title",
        id::SUBTITLE,
        r#"<w:keepNext/><w:spacing w:before="0" w:after="40" w:line="240" w:lineRule="auto"/><w:contextualSpacing/>"#,
        &format!(
            r#"<w:b/><w:bCs/><w:color w:val="{ACCENT}"/><w:kern w:val="28"/><w:sz w:val="48"/><w:szCs w:val="48"/>"#
        ),
    );
    paragraph(
        id::SUBTITLE,
        "Subtitle",
        id::NORMAL,
        &format!(
            r#"<w:keepNext/><w:pBdr>{}</w:pBdr><w:spacing w:before="0" w:after="360"/>"#,
            rule("bottom", 18, ACCENT, 8)
        ),
        &format!(r#"<w:color w:val="{MUTED}"/><w:sz w:val="26"/><w:szCs w:val="26"/>"#),
    );
    paragraph(
        id::HEADING[0],
        "heading 1",
        id::NORMAL,
        &format!(
            r#"<w:keepNext/><w:keepLines/><w:pBdr>{}</w:pBdr><w:spacing w:before="360" w:after="120"/><w:outlineLvl w:val="0"/>"#,
            rule("bottom", 4, RULE, 3)
        ),
        &format!(
            r#"<w:b/><w:bCs/><w:color w:val="{ACCENT}"/><w:sz w:val="29"/><w:szCs w:val="29"/>"#
        ),
    );
    paragraph(
        id::HEADING[1],
        "heading 2",
        id::NORMAL,
        &format!(
            r#"<w:keepNext/><w:keepLines/><w:pBdr>{}</w:pBdr><w:shd w:val="clear" w:color="auto" w:fill="{BAND}"/><w:spacing w:before="320" w:after="80"/><w:ind w:left="160"/><w:outlineLvl w:val="1"/>"#,
            rule("left", 24, ACCENT, 6)
        ),
        r#"<w:b/><w:bCs/><w:sz w:val="22"/><w:szCs w:val="22"/>"#,
    );
    paragraph(
        id::HEADING[2],
        "heading 3",
        id::NORMAL,
        r#"<w:keepNext/><w:keepLines/><w:spacing w:before="160" w:after="40"/><w:outlineLvl w:val="2"/>"#,
        &format!(
            r#"<w:b/><w:bCs/><w:caps/><w:color w:val="{MUTED}"/><w:sz w:val="16"/><w:szCs w:val="16"/>"#
        ),
    );
    paragraph(
        id::LEAD,
        "Lead",
        id::NORMAL,
        r#"<w:spacing w:before="100" w:after="100"/>"#,
        r#"<w:sz w:val="23"/><w:szCs w:val="23"/>"#,
    );
    paragraph(
        id::META,
        "Meta",
        id::NORMAL,
        r#"<w:keepNext/><w:spacing w:before="0" w:after="40"/>"#,
        &format!(r#"<w:color w:val="{MUTED}"/><w:sz w:val="17"/><w:szCs w:val="17"/>"#),
    );
    for (id, name, num) in [
        (id::LIST_BULLET, "List Bullet", NUM_BULLET),
        (id::LIST_FLAG, "List Flag", NUM_FLAG),
        (id::CHECKLIST, "Checklist", NUM_CHECKBOX),
    ] {
        paragraph(
            id,
            name,
            id,
            &format!(
                r#"<w:numPr><w:numId w:val="{num}"/></w:numPr><w:spacing w:before="0" w:after="60"/><w:ind w:left="360" w:hanging="300"/>"#
            ),
            "",
        );
    }
    // Empty paragraphs ruled underneath, 21 pt apart as in the PDF; "between" draws the rule
    // under each line of a run of them (Word and LibreOffice draw one border around a run of
    // paragraphs that share their borders).
    paragraph(
        id::NOTE_LINE,
        "Note Line",
        id::NOTE_LINE,
        &format!(
            r#"<w:pBdr>{}{}</w:pBdr><w:spacing w:before="0" w:after="0" w:line="420" w:lineRule="exact"/>"#,
            rule("bottom", 4, RULE, 0),
            rule("between", 4, RULE, 0)
        ),
        "",
    );
    paragraph(
        id::FIELD_LABEL,
        "Field Label",
        id::FIELD_LABEL,
        // Lower than the value's by the difference in size, so the two share a baseline.
        r#"<w:spacing w:before="100" w:after="0"/>"#,
        &format!(
            r#"<w:b/><w:bCs/><w:color w:val="{MUTED}"/><w:sz w:val="17"/><w:szCs w:val="17"/>"#
        ),
    );
    paragraph(
        id::FIELD_VALUE,
        "Field Value",
        id::FIELD_VALUE,
        r#"<w:spacing w:before="60" w:after="0"/>"#,
        r#"<w:sz w:val="21"/><w:szCs w:val="21"/>"#,
    );
    paragraph(
        id::TABLE_TEXT,
        "Table Text",
        id::TABLE_TEXT,
        r#"<w:spacing w:before="0" w:after="0"/>"#,
        r#"<w:sz w:val="19"/><w:szCs w:val="19"/>"#,
    );
    paragraph(
        id::TABLE_HEADING,
        "Table Heading",
        id::TABLE_HEADING,
        r#"<w:keepNext/><w:spacing w:before="0" w:after="0"/>"#,
        &format!(
            r#"<w:b/><w:bCs/><w:caps/><w:color w:val="{MUTED}"/><w:sz w:val="16"/><w:szCs w:val="16"/>"#
        ),
    );
    paragraph(
        id::HEADER,
        "header",
        id::HEADER,
        &format!(
            r#"<w:pBdr>{}</w:pBdr><w:spacing w:before="0" w:after="0"/>"#,
            rule("bottom", 4, RULE, 4)
        ),
        &format!(r#"<w:color w:val="{MUTED}"/><w:sz w:val="15"/><w:szCs w:val="15"/>"#),
    );
    paragraph(
        id::FOOTER,
        "footer",
        id::FOOTER,
        r#"<w:spacing w:before="0" w:after="0"/>"#,
        &format!(r#"<w:color w:val="{MUTED}"/><w:sz w:val="15"/><w:szCs w:val="15"/>"#),
    );

    let _ = write!(
        s,
        r#"<w:style w:type="character" w:styleId="{}"><w:name w:val="Checkbox"/><w:basedOn w:val="DefaultParagraphFont"/><w:qFormat/><w:rPr><w:rFonts w:ascii="{SYMBOL_FONT}" w:hAnsi="{SYMBOL_FONT}" w:eastAsia="{SYMBOL_FONT}" w:cs="{SYMBOL_FONT}"/><w:color w:val="{INK}"/><w:sz w:val="24"/><w:szCs w:val="24"/></w:rPr></w:style>"#,
        id::CHECKBOX
    );

    let _ = write!(
        s,
        r#"<w:style w:type="character" w:styleId="{}"><w:name w:val="Meta Char"/><w:basedOn w:val="DefaultParagraphFont"/><w:qFormat/><w:rPr><w:color w:val="{MUTED}"/><w:sz w:val="17"/><w:szCs w:val="17"/></w:rPr></w:style>"#,
        id::META_CHAR
    );

    let table = |s: &mut String, id: &str, name: &str, borders: &str, margins: (u32, u32)| {
        let (v, h) = margins;
        let _ = write!(
            s,
            r#"<w:style w:type="table" w:styleId="{id}"><w:name w:val="{name}"/><w:basedOn w:val="TableNormal"/><w:uiPriority w:val="59"/><w:qFormat/><w:pPr><w:spacing w:before="0" w:after="0"/></w:pPr><w:tblPr><w:tblBorders>{borders}</w:tblBorders><w:tblCellMar><w:top w:w="{v}" w:type="dxa"/><w:left w:w="{h}" w:type="dxa"/><w:bottom w:w="{v}" w:type="dxa"/><w:right w:w="{h}" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>"#
        );
    };
    table(
        &mut s,
        id::KIT_TABLE,
        "Kit Table",
        &format!(
            "{}{}",
            rule("bottom", 4, RULE, 0),
            rule("insideH", 4, RULE, 0)
        ),
        (70, 90),
    );
    table(&mut s, id::FORM_TABLE, "Form Table", "", (20, 0));
    s.push_str("</w:styles>");
    if scale == 1.0 {
        s
    } else {
        scaled(&s, scale)
    }
}

/// `xml` (styles written above) with the numbers that set type size and vertical space
/// multiplied by `scale`: `w:val` of `<w:sz>` and `<w:szCs>`, and `w:before`, `w:after` and an
/// exact `w:line` of `<w:spacing>`. Borders, indents and table margins keep their size.
fn scaled(xml: &str, scale: f32) -> String {
    let mut out = String::with_capacity(xml.len());
    let mut rest = xml;
    while let Some(start) = rest.find('<') {
        out.push_str(&rest[..start]);
        let end = rest[start..]
            .find('>')
            .map_or(rest.len(), |e| start + e + 1);
        let tag = &rest[start..end];
        let attributes: &[&str] = if tag.starts_with("<w:sz ") || tag.starts_with("<w:szCs ") {
            &["w:val"]
        } else if tag.starts_with("<w:spacing ") {
            if tag.contains(r#"w:lineRule="exact""#) {
                &["w:before", "w:after", "w:line"]
            } else {
                &["w:before", "w:after"]
            }
        } else {
            &[]
        };
        let mut tag = tag.to_owned();
        for name in attributes {
            let key = format!(r#" {name}=""#);
            if let Some(at) = tag.find(&key) {
                let from = at + key.len();
                let to = tag[from..].find('"').map_or(tag.len(), |q| from + q);
                if let Ok(value) = tag[from..to].parse::<u32>() {
                    let value = (value as f32 * scale).round() as u32;
                    tag.replace_range(from..to, &value.to_string());
                }
            }
        }
        out.push_str(&tag);
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// `word/numbering.xml`: one single-level bullet list per kind of list, each linked to its
/// paragraph style. docx-rs's own numbering part starts with a decimal list of its own under
/// id 1.
pub(super) fn numbering() -> String {
    let mut s = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">"#,
    );
    for (num, style, text, color, symbol) in [
        (NUM_BULLET, id::LIST_BULLET, "\u{2022}", INK, false),
        (NUM_FLAG, id::LIST_FLAG, "\u{2691}", FLAG, true),
        (NUM_CHECKBOX, id::CHECKLIST, "\u{2610}", INK, true),
    ] {
        let fonts = if symbol {
            format!(
                r#"<w:rFonts w:ascii="{SYMBOL_FONT}" w:hAnsi="{SYMBOL_FONT}" w:eastAsia="{SYMBOL_FONT}" w:cs="{SYMBOL_FONT}" w:hint="default"/>"#
            )
        } else {
            String::new()
        };
        let _ = write!(
            s,
            r#"<w:abstractNum w:abstractNumId="{num}"><w:multiLevelType w:val="singleLevel"/><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:pStyle w:val="{style}"/><w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="360" w:hanging="300"/></w:pPr><w:rPr>{fonts}<w:color w:val="{color}"/></w:rPr></w:lvl></w:abstractNum>"#
        );
    }
    for num in [NUM_BULLET, NUM_FLAG, NUM_CHECKBOX] {
        let _ = write!(
            s,
            r#"<w:num w:numId="{num}"><w:abstractNumId w:val="{num}"/></w:num>"#
        );
    }
    s.push_str("</w:numbering>");
    s
}

/// `word/settings.xml`: Word 2013+ layout, no East Asian options, tab stops every half inch.
pub(super) const SETTINGS: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    r#"<w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">"#,
    r#"<w:zoom w:percent="100"/><w:defaultTabStop w:val="720"/>"#,
    r#"<w:characterSpacingControl w:val="doNotCompress"/>"#,
    r#"<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>"#,
    r#"</w:settings>"#
);

/// `docProps/core.xml`: title, subject, keywords, language, and the document date when
/// there is one (no date at all otherwise: the file must not depend on the clock).
pub(super) fn core(meta: &Meta) -> String {
    let mut s = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">"#,
    );
    let _ = write!(s, "<dc:title>{}</dc:title>", escape(&meta.title));
    if !meta.subject.is_empty() {
        let _ = write!(s, "<dc:subject>{}</dc:subject>", escape(&meta.subject));
    }
    s.push_str("<dc:creator>qbank</dc:creator>");
    if !meta.keywords.is_empty() {
        let _ = write!(
            s,
            "<cp:keywords>{}</cp:keywords>",
            escape(&meta.keywords.join("; "))
        );
    }
    if !meta.lang.is_empty() {
        let _ = write!(s, "<dc:language>{}</dc:language>", escape(&meta.lang));
    }
    if let Some(date) = meta
        .date
        .as_deref()
        .filter(|d| qbank_core::is_calendar_date(d))
    {
        for element in ["dcterms:created", "dcterms:modified"] {
            let _ = write!(
                s,
                r#"<{element} xsi:type="dcterms:W3CDTF">{date}T00:00:00Z</{element}>"#
            );
        }
    }
    s.push_str("</cp:coreProperties>");
    s
}

/// `docProps/app.xml`: the application that wrote the file.
pub(super) fn app() -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><Application>qbank {}</Application></Properties>"#,
        env!("CARGO_PKG_VERSION")
    )
}

/// Text and attribute values escaped for XML. The text has already been cleaned of
/// characters XML forbids.
pub(super) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scaling_touches_type_sizes_and_vertical_space_only() {
        let xml = r#"<w:pPr><w:spacing w:before="120" w:after="80" w:line="264" w:lineRule="auto"/><w:pBdr><w:bottom w:val="single" w:sz="8" w:space="4" w:color="000000"/></w:pBdr><w:ind w:left="360"/></w:pPr><w:rPr><w:sz w:val="20"/><w:szCs w:val="20"/></w:rPr><w:spacing w:before="0" w:after="0" w:line="420" w:lineRule="exact"/>"#;
        assert_eq!(
            scaled(xml, 0.5),
            r#"<w:pPr><w:spacing w:before="60" w:after="40" w:line="264" w:lineRule="auto"/><w:pBdr><w:bottom w:val="single" w:sz="8" w:space="4" w:color="000000"/></w:pBdr><w:ind w:left="360"/></w:pPr><w:rPr><w:sz w:val="10"/><w:szCs w:val="10"/></w:rPr><w:spacing w:before="0" w:after="0" w:line="210" w:lineRule="exact"/>"#
        );
    }

    #[test]
    fn the_standard_scale_leaves_the_styles_alone() {
        let standard = styles("en-US", 1.0);
        assert_eq!(scaled(&standard, 1.0), standard);
        let compact = styles("en-US", 0.78);
        assert_ne!(compact, standard);
        assert!(
            compact.contains(r#"<w:sz w:val="16"/>"#),
            "20 half-points at 0.78"
        );
    }
}
