//! PDF bookmarks (the document outline) for the anchored headings, nested by level, each opening its page at the
//! heading; written into the document printpdf produced, whose own bookmarks are flat and sorted by name.

use lopdf::{Dictionary, Document, Object, ObjectId};

use crate::layout::OutlineEntry;

/// Adds the outline of `entries` (in document order) to `doc` and opens the document with it shown. Chapters (the
/// top level) are open, showing their sections; deeper entries are closed. Entries on pages the document lacks are
/// left out.
pub(crate) fn add_outline(doc: &mut Document, entries: &[OutlineEntry], page_height: f32) {
    let pages = doc.get_pages();
    let entries: Vec<(&OutlineEntry, ObjectId)> = entries
        .iter()
        .filter_map(|e| Some((e, *pages.get(&u32::try_from(e.page + 1).ok()?)?)))
        .collect();
    if entries.is_empty() {
        return;
    }
    let n = entries.len();
    // Each entry's parent: the nearest earlier entry of a lower level.
    let mut parent: Vec<Option<usize>> = vec![None; n];
    let mut open_chain: Vec<usize> = Vec::new();
    for (i, (e, _)) in entries.iter().enumerate() {
        while open_chain
            .last()
            .is_some_and(|&p| entries[p].0.level >= e.level)
        {
            open_chain.pop();
        }
        parent[i] = open_chain.last().copied();
        open_chain.push(i);
    }
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut top: Vec<usize> = Vec::new();
    for (i, p) in parent.iter().enumerate() {
        match p {
            Some(p) => children[*p].push(i),
            None => top.push(i),
        }
    }

    let root = doc.new_object_id();
    let ids: Vec<ObjectId> = (0..n).map(|_| doc.new_object_id()).collect();
    let link = |dict: &mut Dictionary, siblings: &[usize], at: usize| {
        if at > 0 {
            dict.set("Prev", Object::Reference(ids[siblings[at - 1]]));
        }
        if let Some(&next) = siblings.get(at + 1) {
            dict.set("Next", Object::Reference(ids[next]));
        }
    };
    let mut dicts: Vec<Dictionary> = Vec::with_capacity(n);
    for (i, (entry, page_id)) in entries.iter().enumerate() {
        let mut dict = Dictionary::new();
        dict.set("Title", lopdf::text_string(&entry.title));
        dict.set(
            "Parent",
            Object::Reference(parent[i].map_or(root, |p| ids[p])),
        );
        dict.set(
            "Dest",
            Object::Array(vec![
                Object::Reference(*page_id),
                "XYZ".into(),
                Object::Null,
                Object::Real(page_height - entry.top + 4.0),
                Object::Null,
            ]),
        );
        let kids = &children[i];
        if let (Some(&first), Some(&last)) = (kids.first(), kids.last()) {
            dict.set("First", Object::Reference(ids[first]));
            dict.set("Last", Object::Reference(ids[last]));
            // Positive: open, showing its children (which are closed); negative: closed.
            let shown = kids.len() as i64;
            dict.set(
                "Count",
                Object::Integer(if parent[i].is_none() { shown } else { -shown }),
            );
        }
        dicts.push(dict);
    }
    for siblings in children.iter().chain(std::iter::once(&top)) {
        for (at, &i) in siblings.iter().enumerate() {
            link(&mut dicts[i], siblings, at);
        }
    }
    for (id, dict) in ids.iter().zip(dicts) {
        doc.objects.insert(*id, Object::Dictionary(dict));
    }
    let visible = top.len() + top.iter().map(|&t| children[t].len()).sum::<usize>();
    let mut outlines = Dictionary::new();
    outlines.set("Type", "Outlines");
    outlines.set("First", Object::Reference(ids[top[0]]));
    outlines.set("Last", Object::Reference(ids[top[top.len() - 1]]));
    outlines.set("Count", Object::Integer(visible as i64));
    doc.objects.insert(root, Object::Dictionary(outlines));
    if let Ok(catalog) = doc.catalog_mut() {
        catalog.set("Outlines", Object::Reference(root));
        catalog.set("PageMode", "UseOutlines");
    }
}

#[cfg(test)]
mod tests {
    use crate::fonts::FontSet;
    use crate::layout::{Block, Document, Section};
    use lopdf::{Dictionary, Document as Pdf};

    fn title(d: &Dictionary) -> String {
        lopdf::decode_text_string(d.get(b"Title").unwrap()).unwrap()
    }

    /// Titles as an indented tree, with each item's /Count.
    fn tree(pdf: &Pdf, parent: &Dictionary, depth: usize, out: &mut Vec<String>) {
        let mut next = parent.get(b"First").ok().map(|f| f.as_reference().unwrap());
        while let Some(id) = next {
            let item = pdf.get_dictionary(id).unwrap();
            let count = item.get(b"Count").ok().map(|c| c.as_i64().unwrap());
            out.push(format!("{}{} {:?}", "  ".repeat(depth), title(item), count));
            tree(pdf, item, depth + 1, out);
            next = item.get(b"Next").ok().map(|n| n.as_reference().unwrap());
        }
    }

    #[test]
    fn bookmarks_nest_by_level_even_when_a_level_is_skipped() {
        let fonts = FontSet::builtin().unwrap();
        let section = |level: u8, text: &str, anchored: bool| {
            let s = Section::new(level, text).page_break_before();
            Block::Section(if anchored { s.anchor(text) } else { s })
        };
        let doc = Document {
            blocks: vec![
                section(1, "一", true),
                section(3, "一の深い節", true),
                section(2, "一の節", true),
                section(3, "一の節の項", true),
                section(2, "錨なし", false),
                section(1, "二", true),
                section(2, "二の節", true),
            ],
            ..Document::default()
        };
        let rendered = crate::render::render(&doc, &fonts, 0).unwrap();
        let pdf = Pdf::load_mem(&rendered.bytes).unwrap();
        let catalog = pdf.catalog().unwrap();
        assert_eq!(
            catalog.get(b"PageMode").unwrap().as_name().unwrap(),
            b"UseOutlines"
        );
        let root = pdf
            .get_dictionary(catalog.get(b"Outlines").unwrap().as_reference().unwrap())
            .unwrap();
        let mut lines = Vec::new();
        tree(&pdf, root, 0, &mut lines);
        assert_eq!(
            lines,
            [
                "一 Some(2)",
                "  一の深い節 None",
                "  一の節 Some(-1)",
                "    一の節の項 None",
                "二 Some(1)",
                "  二の節 None",
            ]
        );
        // Visible: the chapters and their sections; 一の節の項 shows when 一の節 is opened.
        assert_eq!(root.get(b"Count").unwrap().as_i64().unwrap(), 5);
        // Each bookmark opens its own page (one heading a page here).
        let pages = pdf.get_pages();
        let mut next = root.get(b"First").ok().map(|f| f.as_reference().unwrap());
        let mut opened = Vec::new();
        while let Some(id) = next {
            let item = pdf.get_dictionary(id).unwrap();
            let dest = item.get(b"Dest").unwrap().as_array().unwrap();
            let page = dest[0].as_reference().unwrap();
            opened.push(*pages.iter().find(|(_, p)| **p == page).unwrap().0);
            next = item.get(b"Next").ok().map(|n| n.as_reference().unwrap());
        }
        assert_eq!(opened, [1, 6]);
    }

    #[test]
    fn a_document_without_anchors_has_no_outline() {
        let fonts = FontSet::builtin().unwrap();
        let doc = Document {
            blocks: vec![Block::Section(Section::new(1, "見出し"))],
            ..Document::default()
        };
        let rendered = crate::render::render(&doc, &fonts, 0).unwrap();
        let pdf = Pdf::load_mem(&rendered.bytes).unwrap();
        assert!(pdf.catalog().unwrap().get(b"Outlines").is_err());
    }
}
