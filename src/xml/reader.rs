//! A safe XML reader for signatures: roxmltree with DTDs refused, limits that give typed
//! errors, text read across comments and processing instructions, and IDs registered by the
//! verifier itself (plain `Id`, `ID`, `id` attributes and `xml:id`; a value carried twice is
//! ambiguous and never resolves).
//!
//! What it does not do: no DTD (a DOCTYPE, even an empty one, is an input error), so no
//! entity other than the five predefined ones and character references, no attribute
//! defaults, no ID attributes declared by a DTD or a schema, no external resources; encodings
//! other than UTF-8 (and US-ASCII / ISO-8859-1 declarations over pure ASCII content) are
//! refused.

use crate::diag::Message;
use crate::diag::codes::xml as c;
use crate::error::{Error, Result};
use std::collections::HashMap;

/// The namespace of XML itself (`xml:lang`, `xml:space`, `xml:base`, `xml:id`).
pub(crate) const NS_XML: &str = "http://www.w3.org/XML/1998/namespace";

/// Limits on the documents [`Document::parse`] accepts; each exceeded limit is a typed input
/// error.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Limits {
    /// The largest document, in bytes (default 64 MiB: e-invoices are 10–100 KiB, signed
    /// archives of many invoices stay well below).
    pub max_size: usize,
    /// The deepest element nesting (default 256; e-invoices nest about 8 deep, and C14N
    /// recurses once per level).
    pub max_depth: usize,
    /// The most attributes (namespace declarations included) on one element (default 256).
    pub max_attributes: usize,
    /// The most nodes in the document (default 4,000,000: about 64 bytes of input per node
    /// at the default size limit).
    pub max_nodes: u32,
}

with_setters!(Limits {
    max_size: usize => with_max_size,
    max_depth: usize => with_max_depth,
    max_attributes: usize => with_max_attributes,
    max_nodes: u32 => with_max_nodes,
});

impl Default for Limits {
    fn default() -> Self {
        Limits { max_size: 64 << 20, max_depth: 256, max_attributes: 256, max_nodes: 4_000_000 }
    }
}

/// An ID value's target: one element, or several (ambiguous, never resolved).
#[derive(Clone, Copy, Debug)]
enum IdTarget {
    One(roxmltree::NodeId),
    Duplicate,
}

/// A parsed XML document with its ID registry.
pub struct Document<'i> {
    pub(crate) tree: roxmltree::Document<'i>,
    ids: HashMap<String, IdTarget>,
}

impl std::fmt::Debug for Document<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Document")
            .field("root", &self.root_element().path())
            .field("ids", &self.ids.len())
            .finish()
    }
}

/// An element of a [`Document`].
#[derive(Clone, Copy)]
pub struct Element<'a, 'i> {
    pub(crate) node: roxmltree::Node<'a, 'i>,
}

impl std::fmt::Debug for Element<'_, '_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Element").field("path", &self.path()).finish()
    }
}

impl PartialEq for Element<'_, '_> {
    fn eq(&self, other: &Self) -> bool {
        self.node.id() == other.node.id()
    }
}
impl Eq for Element<'_, '_> {}

/// The text of `input` as UTF-8 without its byte-order mark; other encodings are refused.
fn decode(input: &[u8]) -> Result<&str> {
    if input.starts_with(&[0xFE, 0xFF]) || input.starts_with(&[0xFF, 0xFE]) {
        return Err(Error::unsupported(Message::new(c::XML_ENCODING_UNSUPPORTED).with("encoding", "UTF-16")));
    }
    let input = input.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(input);
    let text = std::str::from_utf8(input).map_err(|_| Error::input(c::XML_NOT_UTF8))?;
    if let Some(enc) = declared_encoding(text) {
        let e = enc.to_ascii_lowercase();
        let ascii_alias = matches!(e.as_str(), "us-ascii" | "ascii" | "iso-8859-1" | "latin1" | "iso8859-1");
        if !(e == "utf-8" || e == "utf8" || ascii_alias && text.is_ascii()) {
            return Err(Error::unsupported(Message::new(c::XML_ENCODING_UNSUPPORTED).with("encoding", enc)));
        }
    }
    Ok(text)
}

/// The `encoding` of the XML declaration, if any.
fn declared_encoding(text: &str) -> Option<&str> {
    let decl = text.strip_prefix("<?xml")?;
    let decl = &decl[..decl.find("?>")?];
    let at = decl.find("encoding")?;
    let rest = decl[at + 8..].trim_start().strip_prefix('=')?.trim_start();
    let quote = rest.chars().next().filter(|q| *q == '"' || *q == '\'')?;
    let rest = &rest[1..];
    Some(&rest[..rest.find(quote)?])
}

/// [`c::XML_MALFORMED`] for a roxmltree error: where, and what in the user's language (the
/// parser's own words are English only). Errors without a position are placed at the end.
fn malformed(text: &str, e: &roxmltree::Error) -> Message {
    use roxmltree::Error as E;
    let problem = match e {
        E::NoRootNode => Message::new(c::XML_SYNTAX_NO_ROOT),
        E::UnclosedRootNode | E::UnexpectedEndOfStream => Message::new(c::XML_SYNTAX_UNCLOSED),
        E::UnexpectedCloseTag(expected, found, _) => {
            Message::new(c::XML_SYNTAX_CLOSE_TAG).with("expected", expected).with("found", found)
        }
        E::UnknownNamespace(prefix, _) => Message::new(c::XML_SYNTAX_UNKNOWN_PREFIX).with("prefix", prefix),
        E::InvalidXmlPrefixUri(_)
        | E::UnexpectedXmlUri(_)
        | E::UnexpectedXmlnsUri(_)
        | E::InvalidElementNamePrefix(_)
        | E::DuplicatedNamespace(..) => Message::new(c::XML_SYNTAX_NAMESPACE),
        E::DuplicatedAttribute(name, _) => Message::new(c::XML_SYNTAX_DUPLICATE_ATTRIBUTE).with("name", name),
        E::UnexpectedEntityCloseTag(_)
        | E::UnknownEntityReference(..)
        | E::MalformedEntityReference(_)
        | E::EntityReferenceLoop(_)
        | E::EntityResolver(..) => Message::new(c::XML_SYNTAX_ENTITY),
        E::UnexpectedDeclaration(_) => Message::new(c::XML_SYNTAX_DECLARATION),
        E::InvalidAttributeValue(_)
        | E::InvalidName(_)
        | E::NonXmlChar(..)
        | E::InvalidChar(..)
        | E::InvalidChar2(..)
        | E::InvalidString(..)
        | E::InvalidExternalID(_)
        | E::InvalidComment(_)
        | E::InvalidCharacterData(_)
        | E::UnknownToken(_) => Message::new(c::XML_SYNTAX_CHARACTER),
        E::DtdDetected | E::NodesLimitReached | E::AttributesLimitReached | E::NamespacesLimitReached => {
            Message::new(c::XML_SYNTAX_PARSER_LIMIT)
        }
    };
    let (line, column) = match e {
        E::NoRootNode | E::UnclosedRootNode | E::UnexpectedEndOfStream => {
            let last = text.rsplit('\n').next().unwrap_or_default();
            (text.matches('\n').count() + 1, last.chars().count() + 1)
        }
        _ => (e.pos().row as usize, e.pos().col as usize),
    };
    Message::new(c::XML_MALFORMED).with("line", line).with("column", column).with_message("problem", problem)
}

/// True when the prolog (the text before the root element, outside comments and processing
/// instructions) declares a document type.
fn has_doctype(doc: &roxmltree::Document<'_>) -> bool {
    let text = doc.input_text();
    let end = doc.root_element().range().start;
    let mut at = 0;
    for child in doc.root().children() {
        let r = child.range();
        if r.start >= end {
            break;
        }
        if text.get(at..r.start).is_some_and(|gap| gap.contains("<!DOCTYPE")) {
            return true;
        }
        at = r.end;
    }
    text.get(at..end).is_some_and(|gap| gap.contains("<!DOCTYPE"))
}

impl<'i> Document<'i> {
    /// Parse `input` (UTF-8) within `limits`, refusing any DOCTYPE, and register the IDs.
    pub fn parse(input: &'i [u8], limits: &Limits) -> Result<Document<'i>> {
        if input.len() > limits.max_size {
            return Err(Error::input(
                Message::new(c::XML_TOO_LARGE).with("size", input.len()).with("limit", limits.max_size),
            ));
        }
        let text = decode(input)?;
        // A DOCTYPE is refused before roxmltree parses it (roxmltree accepts an empty one even
        // with DTDs disabled); the cheap check first, the exact one after parsing.
        let opts = roxmltree::ParsingOptions {
            allow_dtd: false,
            nodes_limit: limits.max_nodes,
            ..Default::default()
        };
        let tree = match roxmltree::Document::parse_with_options(text, opts) {
            Ok(t) => t,
            Err(roxmltree::Error::DtdDetected) => return Err(Error::input(c::XML_DOCTYPE_REFUSED)),
            Err(roxmltree::Error::NodesLimitReached) => {
                return Err(Error::input(
                    Message::new(c::XML_TOO_MANY_NODES).with("limit", limits.max_nodes),
                ));
            }
            Err(e) => return Err(Error::input(malformed(text, &e))),
        };
        if has_doctype(&tree) {
            return Err(Error::input(c::XML_DOCTYPE_REFUSED));
        }
        // Depth and attributes, in document order (the order of roxmltree's node array: a
        // sequential scan), iteratively (no recursion on untrusted nesting): `open` holds the
        // element's ancestors.
        let mut ids: HashMap<String, IdTarget> = HashMap::new();
        let mut open: Vec<roxmltree::NodeId> = Vec::new();
        for node in tree.root_element().descendants().filter(|n| n.is_element()) {
            let parent = node.parent_element();
            match parent {
                Some(p) => {
                    while open.last().is_some_and(|top| *top != p.id()) {
                        open.pop();
                    }
                }
                None => open.clear(),
            }
            open.push(node.id());
            if open.len() > limits.max_depth {
                return Err(Error::input(Message::new(c::XML_TOO_DEEP).with("limit", limits.max_depth)));
            }
            let own_ns = match parent {
                Some(p) => node.namespaces().len().saturating_sub(p.namespaces().len()),
                None => node.namespaces().len(),
            };
            if node.attributes().len() + own_ns > limits.max_attributes {
                return Err(Error::input(
                    Message::new(c::XML_TOO_MANY_ATTRIBUTES).with("limit", limits.max_attributes),
                ));
            }
            let mut seen: Option<&str> = None;
            for a in node.attributes() {
                let is_id = match a.namespace() {
                    None => matches!(a.name(), "Id" | "ID" | "id"),
                    Some(ns) => ns == NS_XML && a.name() == "id",
                };
                if !is_id || seen == Some(a.value()) {
                    continue;
                }
                seen = Some(a.value());
                ids.entry(a.value().to_string())
                    .and_modify(|t| *t = IdTarget::Duplicate)
                    .or_insert(IdTarget::One(node.id()));
            }
        }
        Ok(Document { tree, ids })
    }

    /// The root element.
    pub fn root_element<'a>(&'a self) -> Element<'a, 'i> {
        Element { node: self.tree.root_element() }
    }

    /// The element whose `Id` (`ID`, `id`, `xml:id`) is `id`: `Ok(None)` when none has it,
    /// an error ([`c::XML_DUPLICATE_ID`]) when several do.
    pub fn element_by_id<'a>(&'a self, id: &str) -> std::result::Result<Option<Element<'a, 'i>>, Message> {
        match self.ids.get(id) {
            None => Ok(None),
            Some(IdTarget::Duplicate) => Err(Message::new(c::XML_DUPLICATE_ID).with("id", id)),
            Some(IdTarget::One(n)) => Ok(self.tree.get_node(*n).map(|node| Element { node })),
        }
    }

    /// Every element of the document with namespace `ns` and local name `name`, in document
    /// order.
    pub fn elements_named<'a>(&'a self, ns: &str, name: &str) -> Vec<Element<'a, 'i>> {
        self.tree
            .descendants()
            .filter(|n| n.is_element() && n.tag_name().name() == name && n.tag_name().namespace() == Some(ns))
            .map(|node| Element { node })
            .collect()
    }

    /// How many elements have the local name `name`, in any namespace or none.
    pub(crate) fn count_local_name(&self, name: &str) -> usize {
        self.tree.descendants().filter(|n| n.is_element() && n.tag_name().name() == name).count()
    }

    /// The ID values carried by more than one element.
    pub fn duplicate_ids(&self) -> Vec<&str> {
        let mut v: Vec<&str> = self
            .ids
            .iter()
            .filter(|(_, t)| matches!(t, IdTarget::Duplicate))
            .map(|(k, _)| k.as_str())
            .collect();
        v.sort_unstable();
        v
    }
}

/// The qualified name of an element as written (`ds:Signature`, `HDon`).
pub(crate) fn element_qname<'i>(node: roxmltree::Node<'_, 'i>) -> &'i str {
    let text = node.document().input_text();
    let start = node.range().start + 1;
    let rest = text.get(start..).unwrap_or_default();
    let end = rest
        .bytes()
        .position(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'/' | b'>'))
        .unwrap_or(rest.len());
    &rest[..end]
}

/// The qualified name of an attribute as written (`xml:lang`, `wsu:Id`).
pub(crate) fn attribute_qname<'i>(
    doc: &roxmltree::Document<'i>,
    a: &roxmltree::Attribute<'_, 'i>,
) -> &'i str {
    doc.input_text().get(a.range_qname()).unwrap_or_else(|| a.name())
}

/// The prefix of a qualified name (`None` when unprefixed).
pub(crate) fn prefix_of(qname: &str) -> Option<&str> {
    qname.split_once(':').map(|(p, _)| p)
}

impl<'a, 'i> Element<'a, 'i> {
    /// The local name.
    pub fn local_name(&self) -> &'a str {
        self.node.tag_name().name()
    }

    /// The namespace URI, if any.
    pub fn namespace(&self) -> Option<&'a str> {
        self.node.tag_name().namespace()
    }

    /// True when the element is `{ns}name`.
    pub fn is(&self, ns: &str, name: &str) -> bool {
        self.local_name() == name && self.namespace() == Some(ns)
    }

    /// The qualified name as written in the document.
    pub fn qname(&self) -> &'i str {
        element_qname(self.node)
    }

    /// The value of the attribute `name` (no namespace).
    pub fn attribute(&self, name: &str) -> Option<&'a str> {
        self.node.attribute(name)
    }

    /// The element's `Id` (or `ID`, `id`, `xml:id`) value.
    pub fn id(&self) -> Option<&'a str> {
        ["Id", "ID", "id"]
            .iter()
            .find_map(|n| self.node.attribute(*n))
            .or_else(|| self.node.attribute((NS_XML, "id")))
    }

    /// The child elements, in order.
    pub fn children(&self) -> impl Iterator<Item = Element<'a, 'i>> + use<'a, 'i> {
        self.node.children().filter(|n| n.is_element()).map(|node| Element { node })
    }

    /// The element's byte range in the input (start tag to end tag).
    pub(crate) fn range(&self) -> std::ops::Range<usize> {
        self.node.range()
    }

    /// The parent element, if any.
    pub fn parent(&self) -> Option<Element<'a, 'i>> {
        self.node.parent_element().map(|node| Element { node })
    }

    /// True when `self` is `other` or one of its descendants.
    pub fn is_within(&self, other: &Element<'_, '_>) -> bool {
        self.node.ancestors().any(|a| a.id() == other.node.id())
    }

    /// All the text of the element's direct text children, concatenated: text interrupted by
    /// a comment or processing instruction is read whole (roxmltree's `Node::text` returns
    /// only the first piece: an XML-DSig bypass when a comment splits a value).
    pub fn text(&self) -> String {
        self.node.children().filter(|n| n.is_text()).filter_map(|n| n.text()).collect()
    }

    /// True when the element has a child element or non-whitespace text mixed with elements.
    pub(crate) fn has_child_elements(&self) -> bool {
        self.node.children().any(|n| n.is_element())
    }

    /// True when a direct text child holds something other than XML whitespace.
    pub(crate) fn has_non_whitespace_text(&self) -> bool {
        self.node
            .children()
            .filter(|n| n.is_text())
            .any(|n| n.text().is_some_and(|t| t.chars().any(|c| !matches!(c, ' ' | '\t' | '\n' | '\r'))))
    }

    /// The element's path from the root, by qualified names, with a 1-based position among
    /// same-named siblings where there are several (`/HDon/DLHDon`, `/a/b[2]`).
    pub fn path(&self) -> String {
        let mut parts = Vec::new();
        for n in self.node.ancestors().filter(|n| n.is_element()) {
            let q = element_qname(n);
            let same = |s: &roxmltree::Node<'_, '_>| s.is_element() && element_qname(*s) == q;
            let before = n.prev_siblings().skip(1).filter(same).count();
            let after = n.next_siblings().skip(1).filter(same).count();
            if before + after > 0 {
                parts.push(format!("{q}[{}]", before + 1));
            } else {
                parts.push(q.to_string());
            }
        }
        parts.reverse();
        format!("/{}", parts.join("/"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &str) -> Result<Document<'_>> {
        Document::parse(s.as_bytes(), &Limits::default())
    }

    #[test]
    fn doctype_is_refused_even_empty_or_after_a_comment() {
        for s in [
            "<!DOCTYPE a><a/>",
            "<?xml version=\"1.0\"?><!-- x --><!DOCTYPE a [<!ENTITY e 'x'>]><a>&e;</a>",
            "<!DOCTYPE a [<!ENTITY a0 'lol'><!ENTITY a1 '&a0;&a0;&a0;'>]><a>&a1;</a>",
        ] {
            let e = parse(s).unwrap_err();
            assert_eq!(e.code(), c::XML_DOCTYPE_REFUSED, "{s}");
        }
        // The words in a comment are not a DOCTYPE.
        assert!(parse("<!-- <!DOCTYPE a> --><a/>").is_ok());
    }

    #[test]
    fn limits_give_typed_errors() {
        let deep = format!("{}{}", "<a>".repeat(300), "</a>".repeat(300));
        assert_eq!(parse(&deep).unwrap_err().code(), c::XML_TOO_DEEP);
        let attrs: String = (0..300).map(|i| format!(" a{i}='x'")).collect();
        assert_eq!(parse(&format!("<a{attrs}/>")).unwrap_err().code(), c::XML_TOO_MANY_ATTRIBUTES);
        let small = Limits { max_size: 10, ..Limits::default() };
        assert_eq!(Document::parse(b"<a>0123456789</a>", &small).unwrap_err().code(), c::XML_TOO_LARGE);
        let few = Limits { max_nodes: 5, ..Limits::default() };
        let many = "<a><b/><b/><b/><b/><b/><b/></a>";
        assert_eq!(Document::parse(many.as_bytes(), &few).unwrap_err().code(), c::XML_TOO_MANY_NODES);
        assert_eq!(parse("<a>").unwrap_err().code(), c::XML_MALFORMED);
        assert_eq!(Document::parse(b"<a>\xff</a>", &Limits::default()).unwrap_err().code(), c::XML_NOT_UTF8);
        let latin = "<?xml version='1.0' encoding='ISO-8859-1'?><a>é</a>";
        assert_eq!(parse(latin).unwrap_err().code(), c::XML_ENCODING_UNSUPPORTED);
        assert!(parse("<?xml version='1.0' encoding='ISO-8859-1'?><a>e</a>").is_ok());
    }

    #[test]
    fn syntax_errors_say_where_and_what_in_both_languages() {
        let cases = [
            ("<a>\n  <b>x", (2, 7), c::XML_SYNTAX_UNCLOSED),
            ("<a></b>", (1, 4), c::XML_SYNTAX_CLOSE_TAG),
            ("", (1, 1), c::XML_SYNTAX_NO_ROOT),
            ("<a x='1' x='2'/>", (1, 10), c::XML_SYNTAX_DUPLICATE_ATTRIBUTE),
            ("<p:a/>", (1, 2), c::XML_SYNTAX_UNKNOWN_PREFIX),
            ("<a>&nbsp;</a>", (1, 4), c::XML_SYNTAX_ENTITY),
            ("hello", (1, 1), c::XML_SYNTAX_CHARACTER),
            ("<a/><?xml version='1.0'?>", (1, 5), c::XML_SYNTAX_DECLARATION),
        ];
        for (xml, (line, column), code) in cases {
            let e = parse(xml).unwrap_err();
            let m = e.typed_message();
            assert_eq!(m.code, c::XML_MALFORMED, "{xml}");
            assert_eq!(m.params.message("problem").map(|p| p.code), Some(code), "{xml}: {e}");
            assert_eq!(
                (m.params.get("line"), m.params.get("column")),
                (Some(line.to_string().as_str()), Some(column.to_string().as_str())),
                "{xml}: {e}"
            );
            let vi = e.render(crate::diag::Lang::Vi);
            assert!(vi.starts_with("XML không đúng cú pháp tại dòng"), "{vi}");
        }
    }

    #[test]
    fn text_is_read_across_comments() {
        let d = parse("<a>abc<!-- x -->def<?pi y?>ghi</a>").unwrap();
        assert_eq!(d.root_element().text(), "abcdefghi");
        assert_eq!(d.root_element().node.text(), Some("abc"));
    }

    #[test]
    fn ids_are_registered_and_duplicates_never_resolve() {
        let d = parse("<r><a Id='x'/><b ID='y'/><c id='z'/><d xml:id='w'/><e Id='x'/><f Id='v' ID='v'/></r>")
            .unwrap();
        assert_eq!(d.element_by_id("y").unwrap().unwrap().local_name(), "b");
        assert_eq!(d.element_by_id("z").unwrap().unwrap().local_name(), "c");
        assert_eq!(d.element_by_id("w").unwrap().unwrap().local_name(), "d");
        assert_eq!(d.element_by_id("v").unwrap().unwrap().local_name(), "f");
        assert_eq!(d.element_by_id("x").unwrap_err().code, c::XML_DUPLICATE_ID);
        assert!(d.element_by_id("nope").unwrap().is_none());
        assert_eq!(d.duplicate_ids(), vec!["x"]);
    }

    #[test]
    fn paths_name_elements_as_written() {
        let d = parse("<HDon xmlns:x='u'><DLHDon Id='d'/><x:B/><x:B><C/></x:B></HDon>").unwrap();
        assert_eq!(d.element_by_id("d").unwrap().unwrap().path(), "/HDon/DLHDon");
        let c = d.root_element().children().nth(2).unwrap().children().next().unwrap();
        assert_eq!(c.path(), "/HDon/x:B[2]/C");
    }
}
