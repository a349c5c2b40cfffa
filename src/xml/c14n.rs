//! Canonical XML: inclusive C14N 1.0 (W3C REC 2001-03-15) and 1.1 (W3C REC 2008-05-02), with
//! and without comments, and Exclusive XML Canonicalization 1.0 (W3C REC 2002-07-18) with an
//! InclusiveNamespaces PrefixList, over a whole document or the document subsets XML-DSig
//! same-document references produce: an element's subtree, minus excluded subtrees (the
//! enveloped-signature transform), with or without comments.
//!
//! Subsets: namespace declarations in scope at the apex are rendered per each algorithm
//! (inclusive: every in-scope namespace, so an `xmlns:inv` declared on an ancestor changes
//! the digest of the referenced element; exclusive: only the visibly utilized ones and the
//! PrefixList), and `xml:*` attributes of omitted ancestors are inherited (C14N 1.0: every
//! `xml:` attribute; C14N 1.1: `xml:lang` and `xml:space`, with `xml:base` fixed up and
//! `xml:id` not inherited; exclusive: none).
//!
//! What it does not do: arbitrary XPath node-sets (only subtree-shaped subsets), relative
//! namespace URIs are output as written (C14N 1.0 §2 leaves them to the application), and the
//! input is what [`Document::parse`](super::Document::parse) accepts (no DTD, so no attribute
//! defaults to add).

use super::reader::{Document, Element, NS_XML, attribute_qname, element_qname, prefix_of};
use roxmltree::{Node, NodeId, NodeType};

/// Canonical XML 1.0 (omits comments).
pub const C14N_10: &str = "http://www.w3.org/TR/2001/REC-xml-c14n-20010315";
/// Canonical XML 1.0 with comments.
pub const C14N_10_COMMENTS: &str = "http://www.w3.org/TR/2001/REC-xml-c14n-20010315#WithComments";
/// Canonical XML 1.1 (omits comments).
pub const C14N_11: &str = "http://www.w3.org/2006/12/xml-c14n11";
/// Canonical XML 1.1 with comments.
pub const C14N_11_COMMENTS: &str = "http://www.w3.org/2006/12/xml-c14n11#WithComments";
/// Exclusive XML Canonicalization 1.0 (omits comments).
pub const EXC_C14N: &str = "http://www.w3.org/2001/10/xml-exc-c14n#";
/// Exclusive XML Canonicalization 1.0 with comments.
pub const EXC_C14N_COMMENTS: &str = "http://www.w3.org/2001/10/xml-exc-c14n#WithComments";

/// Which canonicalization.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum C14nKind {
    /// Canonical XML 1.0.
    Inclusive10,
    /// Canonical XML 1.1.
    Inclusive11,
    /// Exclusive XML Canonicalization 1.0.
    Exclusive10,
}

/// A canonicalization method: the algorithm, whether comments are kept, and (exclusive only)
/// the InclusiveNamespaces PrefixList (`#default` stands for the default namespace).
#[derive(Clone, Debug, PartialEq, Eq, Hash, serde::Serialize)]
pub struct Canonicalization {
    /// The algorithm.
    pub kind: C14nKind,
    /// Keep comments (the `#WithComments` variants).
    pub with_comments: bool,
    /// Exclusive C14N's InclusiveNamespaces PrefixList, `#default` for the default namespace.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub inclusive_prefixes: Vec<String>,
}

impl Canonicalization {
    /// The method an Algorithm URI names (without a PrefixList), if supported.
    pub fn from_uri(uri: &str) -> Option<Canonicalization> {
        let (kind, with_comments) = match uri {
            C14N_10 => (C14nKind::Inclusive10, false),
            C14N_10_COMMENTS => (C14nKind::Inclusive10, true),
            C14N_11 => (C14nKind::Inclusive11, false),
            C14N_11_COMMENTS => (C14nKind::Inclusive11, true),
            EXC_C14N => (C14nKind::Exclusive10, false),
            EXC_C14N_COMMENTS => (C14nKind::Exclusive10, true),
            _ => return None,
        };
        Some(Canonicalization { kind, with_comments, inclusive_prefixes: Vec::new() })
    }

    /// The method's Algorithm URI.
    pub fn uri(&self) -> &'static str {
        match (self.kind, self.with_comments) {
            (C14nKind::Inclusive10, false) => C14N_10,
            (C14nKind::Inclusive10, true) => C14N_10_COMMENTS,
            (C14nKind::Inclusive11, false) => C14N_11,
            (C14nKind::Inclusive11, true) => C14N_11_COMMENTS,
            (C14nKind::Exclusive10, false) => EXC_C14N,
            (C14nKind::Exclusive10, true) => EXC_C14N_COMMENTS,
        }
    }
}

/// A document subset shaped as XML-DSig same-document references make them: the whole
/// document or one element's subtree (every element, attribute, namespace, text and processing
/// instruction node in it), minus the subtrees of `excluded` elements, comments in or out.
#[derive(Clone, Debug)]
pub struct NodeSet<'a, 'i> {
    apex: Option<Element<'a, 'i>>,
    excluded: Vec<NodeId>,
    comments: bool,
}

impl<'a, 'i> NodeSet<'a, 'i> {
    /// The whole document (`URI=""` gives it without comments; `#xpointer(/)` with them).
    pub fn document(with_comments: bool) -> Self {
        NodeSet { apex: None, excluded: Vec::new(), comments: with_comments }
    }

    /// The subtree of `element` (`URI="#id"` gives it without comments).
    pub fn subtree(element: Element<'a, 'i>, with_comments: bool) -> Self {
        NodeSet { apex: Some(element), excluded: Vec::new(), comments: with_comments }
    }

    /// This set without the subtree of `element` (the enveloped-signature transform).
    pub fn excluding(mut self, element: Element<'a, 'i>) -> Self {
        self.excluded.push(element.node.id());
        self
    }

    /// The element whose subtree this is (`None`: the whole document).
    pub fn apex(&self) -> Option<Element<'a, 'i>> {
        self.apex
    }

    /// True when comments are in the set.
    pub fn has_comments(&self) -> bool {
        self.comments
    }
}

/// Canonicalize `set` of `doc` with `method`.
pub fn canonicalize(doc: &Document<'_>, set: &NodeSet<'_, '_>, method: &Canonicalization) -> Vec<u8> {
    // The source length of the subset is a fair guess of the canonical length.
    let guess = match set.apex {
        Some(apex) => apex.range().len(),
        None => doc.tree.input_text().len(),
    };
    let mut w = Writer::new(method, set, Vec::with_capacity(guess), None);
    w.run(doc, set);
    w.out
}

/// Canonicalize `set` of `doc` with `method`, giving the canonical form to `sink` in pieces of
/// about [`SINK_CHUNK`] bytes, in order: memory stays bounded whatever the subset's size (a
/// digest is computed as the pieces come).
pub fn canonicalize_to(
    doc: &Document<'_>,
    set: &NodeSet<'_, '_>,
    method: &Canonicalization,
    sink: &mut dyn FnMut(&[u8]),
) {
    let mut w = Writer::new(method, set, Vec::with_capacity(SINK_CHUNK + 4096), Some(sink));
    w.run(doc, set);
    let Writer { out, sink, .. } = w;
    if let Some(sink) = sink {
        if !out.is_empty() {
            sink(&out);
        }
    }
}

/// The size of the pieces [`canonicalize_to`] gives its sink (a piece may be larger when one
/// text node is).
pub const SINK_CHUNK: usize = 64 * 1024;

/// Where [`canonicalize_to`] gives its pieces.
type Sink<'s> = &'s mut dyn FnMut(&[u8]);

struct Writer<'m, 'x, 's> {
    out: Vec<u8>,
    /// Where full pieces of `out` go (`None`: everything stays in `out`).
    sink: Option<Sink<'s>>,
    method: &'m Canonicalization,
    comments: bool,
    excluded: &'x [NodeId],
    /// The namespace declarations rendered by output ancestors (prefix, "" for the default;
    /// URI), innermost last.
    rendered: Vec<(String, String)>,
}

impl<'m, 'x, 's> Writer<'m, 'x, 's> {
    fn new(
        method: &'m Canonicalization,
        set: &'x NodeSet<'_, '_>,
        out: Vec<u8>,
        sink: Option<Sink<'s>>,
    ) -> Self {
        Writer {
            out,
            sink,
            method,
            comments: set.comments && method.with_comments,
            excluded: &set.excluded,
            rendered: Vec::new(),
        }
    }

    fn run(&mut self, doc: &Document<'_>, set: &NodeSet<'_, '_>) {
        match set.apex {
            Some(apex) => {
                if !self.is_excluded(apex.node) {
                    self.element(apex.node, true);
                }
            }
            None => {
                let root = doc.tree.root();
                let mut after = false;
                for child in root.children() {
                    match child.node_type() {
                        NodeType::Element => {
                            if !self.is_excluded(child) {
                                self.element(child, false);
                            }
                            after = true;
                        }
                        NodeType::Comment | NodeType::PI => {
                            if child.is_comment() && !self.comments {
                                continue;
                            }
                            if after {
                                self.out.push(b'\n');
                            }
                            self.leaf(child);
                            if !after {
                                self.out.push(b'\n');
                            }
                        }
                        _ => {}
                    }
                }
            }
        }
    }

    /// Hand `out` to the sink once it holds a full piece.
    fn flush(&mut self) {
        if self.out.len() >= SINK_CHUNK {
            if let Some(sink) = self.sink.as_mut() {
                sink(&self.out);
                self.out.clear();
            }
        }
    }
}

impl Writer<'_, '_, '_> {
    fn is_excluded(&self, node: Node<'_, '_>) -> bool {
        !self.excluded.is_empty() && self.excluded.contains(&node.id())
    }

    fn rendered(&self, prefix: &str) -> Option<&str> {
        self.rendered.iter().rev().find(|(p, _)| p == prefix).map(|(_, u)| u.as_str())
    }

    /// A comment or processing instruction.
    fn leaf(&mut self, node: Node<'_, '_>) {
        match node.node_type() {
            NodeType::Comment => {
                self.out.extend_from_slice(b"<!--");
                self.out.extend_from_slice(node.text().unwrap_or_default().as_bytes());
                self.out.extend_from_slice(b"-->");
            }
            NodeType::PI => {
                if let Some(pi) = node.pi() {
                    self.out.extend_from_slice(b"<?");
                    self.out.extend_from_slice(pi.target.as_bytes());
                    if let Some(v) = pi.value.filter(|v| !v.is_empty()) {
                        self.out.push(b' ');
                        self.out.extend_from_slice(v.as_bytes());
                    }
                    self.out.extend_from_slice(b"?>");
                }
            }
            _ => {}
        }
    }

    /// The namespace declarations to render on `node`, sorted by prefix.
    fn namespaces(&self, node: Node<'_, '_>) -> Vec<(String, String)> {
        let in_scope = |prefix: &str| -> Option<String> {
            node.namespaces()
                .find(|ns| ns.name().unwrap_or("") == prefix)
                .map(|ns| ns.uri().to_string())
                .filter(|u| !(prefix.is_empty() && u.is_empty()))
        };
        let mut candidates: Vec<String> = Vec::new();
        match self.method.kind {
            C14nKind::Inclusive10 | C14nKind::Inclusive11 => {
                candidates.extend(node.namespaces().map(|ns| ns.name().unwrap_or("").to_string()));
                if !candidates.iter().any(|p| p.is_empty()) {
                    candidates.push(String::new());
                }
            }
            C14nKind::Exclusive10 => {
                let doc = node.document();
                candidates.push(prefix_of(element_qname(node)).unwrap_or("").to_string());
                for a in node.attributes() {
                    if let Some(p) = prefix_of(attribute_qname(doc, &a)).filter(|p| *p != "xml") {
                        candidates.push(p.to_string());
                    }
                }
                for p in &self.method.inclusive_prefixes {
                    let p = if p == "#default" { "" } else { p.as_str() };
                    // Listed prefixes are rendered per inclusive rules, when in scope.
                    if p.is_empty() || in_scope(p).is_some() {
                        candidates.push(p.to_string());
                    }
                }
            }
        }
        candidates.sort();
        candidates.dedup();
        let mut out = Vec::new();
        for p in candidates {
            let uri = in_scope(&p).unwrap_or_default();
            let rendered = self.rendered(&p).unwrap_or("");
            if p.is_empty() {
                // xmlns="" only to undo a rendered non-empty default.
                if uri != rendered {
                    out.push((p, uri));
                }
            } else if !uri.is_empty() && self.rendered(&p) != Some(uri.as_str()) {
                out.push((p, uri));
            }
        }
        out
    }

    /// The `xml:*` attributes `node` inherits from its omitted ancestors (apex only), by
    /// local name, nearest first wins.
    fn inherited_xml_attributes(&self, node: Node<'_, '_>) -> Vec<(String, String)> {
        let mut out: Vec<(String, String)> = Vec::new();
        let own = |name: &str| node.attributes().any(|a| a.namespace() == Some(NS_XML) && a.name() == name);
        match self.method.kind {
            C14nKind::Exclusive10 => {}
            C14nKind::Inclusive10 => {
                for anc in node.ancestors().skip(1).filter(|n| n.is_element()) {
                    for a in anc.attributes().filter(|a| a.namespace() == Some(NS_XML)) {
                        if !own(a.name()) && !out.iter().any(|(n, _)| n == a.name()) {
                            out.push((a.name().to_string(), a.value().to_string()));
                        }
                    }
                }
            }
            C14nKind::Inclusive11 => {
                let mut bases: Vec<&str> = Vec::new();
                for anc in node.ancestors().skip(1).filter(|n| n.is_element()) {
                    for a in anc.attributes().filter(|a| a.namespace() == Some(NS_XML)) {
                        match a.name() {
                            "lang" | "space" if !own(a.name()) && !out.iter().any(|(n, _)| n == a.name()) => {
                                out.push((a.name().to_string(), a.value().to_string()));
                            }
                            "base" => bases.push(a.value()),
                            _ => {}
                        }
                    }
                }
                if !bases.is_empty() {
                    // xml:base fix-up (C14N 1.1 §2.4): the omitted ancestors' bases, outermost
                    // first, then the element's own, joined by RFC 3986 §5.2.
                    bases.reverse();
                    let mut base = String::new();
                    for b in bases {
                        base = join_uri(&base, b);
                    }
                    if let Some(own_base) = node.attribute((NS_XML, "base")) {
                        base = join_uri(&base, own_base);
                    }
                    if !base.is_empty() {
                        out.push(("base".to_string(), base));
                    }
                }
            }
        }
        out
    }

    fn element(&mut self, node: Node<'_, '_>, apex: bool) {
        let doc = node.document();
        let qname = element_qname(node);
        // Inclusive C14N below the apex: an element in the same namespace scope as its (output)
        // parent declares nothing, every binding in scope being rendered already.
        let inherits_scope = !apex
            && self.method.kind != C14nKind::Exclusive10
            && node.parent().is_some_and(|p| same_scope(node, p));
        let ns = if inherits_scope { Vec::new() } else { self.namespaces(node) };
        let inherited = if apex { self.inherited_xml_attributes(node) } else { Vec::new() };
        let fixed_base =
            self.method.kind == C14nKind::Inclusive11 && inherited.iter().any(|(n, _)| n == "base");
        // Attributes sorted by (namespace URI, local name); unqualified ones first.
        let mut attrs: Vec<(&str, &str, &str, std::borrow::Cow<'_, str>)> = Vec::new();
        for a in node.attributes() {
            if fixed_base && a.namespace() == Some(NS_XML) && a.name() == "base" {
                continue;
            }
            attrs.push((a.namespace().unwrap_or(""), a.name(), a.value(), attribute_qname(doc, &a).into()));
        }
        for (name, value) in &inherited {
            attrs.push((NS_XML, name.as_str(), value.as_str(), format!("xml:{name}").into()));
        }
        if attrs.len() > 1 {
            attrs.sort_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)));
        }

        self.out.push(b'<');
        self.out.extend_from_slice(qname.as_bytes());
        for (p, uri) in &ns {
            if p.is_empty() {
                self.out.extend_from_slice(b" xmlns=\"");
            } else {
                self.out.extend_from_slice(b" xmlns:");
                self.out.extend_from_slice(p.as_bytes());
                self.out.extend_from_slice(b"=\"");
            }
            escape_attribute(&mut self.out, uri);
            self.out.push(b'"');
        }
        for (_, _, v, q) in &attrs {
            self.out.push(b' ');
            self.out.extend_from_slice(q.as_bytes());
            self.out.extend_from_slice(b"=\"");
            escape_attribute(&mut self.out, v);
            self.out.push(b'"');
        }
        self.out.push(b'>');
        let mark = self.rendered.len();
        self.rendered.extend(ns);
        for child in node.children() {
            match child.node_type() {
                NodeType::Element if !self.is_excluded(child) => self.element(child, false),
                NodeType::Text => {
                    escape_text(&mut self.out, child.text().unwrap_or_default());
                    self.flush();
                }
                NodeType::Comment if self.comments => self.leaf(child),
                NodeType::PI => self.leaf(child),
                _ => {}
            }
        }
        self.rendered.truncate(mark);
        self.out.extend_from_slice(b"</");
        self.out.extend_from_slice(qname.as_bytes());
        self.out.push(b'>');
        self.flush();
    }
}

/// True when `a` and `b` have the same namespace bindings in scope: the same declarations, not
/// only equal ones (an element that declares nothing shares its parent's).
fn same_scope(a: Node<'_, '_>, b: Node<'_, '_>) -> bool {
    let (x, y) = (a.namespaces(), b.namespaces());
    x.len() == y.len() && x.zip(y).all(|(p, q)| std::ptr::eq(p, q))
}

/// `s` with the characters of `special` replaced by their escapes, copied in runs.
fn escape(out: &mut Vec<u8>, s: &str, special: impl Fn(u8) -> Option<&'static [u8]>) {
    let bytes = s.as_bytes();
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        if let Some(rep) = special(b) {
            out.extend_from_slice(&bytes[start..i]);
            out.extend_from_slice(rep);
            start = i + 1;
        }
    }
    out.extend_from_slice(&bytes[start..]);
}

fn escape_text(out: &mut Vec<u8>, s: &str) {
    escape(out, s, |b| match b {
        b'&' => Some(b"&amp;"),
        b'<' => Some(b"&lt;"),
        b'>' => Some(b"&gt;"),
        b'\r' => Some(b"&#xD;"),
        _ => None,
    })
}

fn escape_attribute(out: &mut Vec<u8>, s: &str) {
    escape(out, s, |b| match b {
        b'&' => Some(b"&amp;"),
        b'<' => Some(b"&lt;"),
        b'"' => Some(b"&quot;"),
        b'\t' => Some(b"&#x9;"),
        b'\n' => Some(b"&#xA;"),
        b'\r' => Some(b"&#xD;"),
        _ => None,
    })
}

/// RFC 3986 §5.2.2 reference resolution of `reference` against `base` (an empty base keeps
/// the reference), with C14N 1.1's remove-dot-segments that keeps leading `..` of a relative
/// result.
fn join_uri(base: &str, reference: &str) -> String {
    fn split(u: &str) -> (Option<&str>, Option<&str>, &str, Option<&str>) {
        let (scheme, rest) = match u.find(':') {
            Some(i) if u[..i].chars().all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c)) && i > 0 => {
                (Some(&u[..i]), &u[i + 1..])
            }
            _ => (None, u),
        };
        let rest = rest.split('#').next().unwrap_or("");
        let (rest, query) = match rest.split_once('?') {
            Some((r, q)) => (r, Some(q)),
            None => (rest, None),
        };
        if let Some(r) = rest.strip_prefix("//") {
            let end = r.find('/').unwrap_or(r.len());
            (scheme, Some(&r[..end]), &r[end..], query)
        } else {
            (scheme, None, rest, query)
        }
    }
    fn remove_dots(path: &str) -> String {
        let absolute = path.starts_with('/');
        let mut out: Vec<&str> = Vec::new();
        let segs: Vec<&str> = path.split('/').collect();
        let last = segs.len().saturating_sub(1);
        for (i, s) in segs.iter().enumerate() {
            match *s {
                "." => {
                    if i == last {
                        out.push("");
                    }
                }
                ".." => {
                    if out.last().is_some_and(|l| *l != ".." && !l.is_empty()) {
                        out.pop();
                    } else if !absolute {
                        out.push("..");
                    }
                    if i == last {
                        out.push("");
                    }
                }
                "" if i != 0 && i != last => {}
                _ => out.push(s),
            }
        }
        let joined = out.join("/");
        if absolute && !joined.starts_with('/') { format!("/{joined}") } else { joined }
    }
    if base.is_empty() {
        return reference.to_string();
    }
    let (rs, ra, rp, rq) = split(reference);
    let (bs, ba, bp, bq) = split(base);
    let (scheme, auth, path, query) = if rs.is_some() {
        (rs, ra, remove_dots(rp), rq)
    } else if ra.is_some() {
        (bs, ra, remove_dots(rp), rq)
    } else if rp.is_empty() {
        (bs, ba, bp.to_string(), rq.or(bq))
    } else if rp.starts_with('/') {
        (bs, ba, remove_dots(rp), rq)
    } else {
        let merged = if ba.is_some() && bp.is_empty() {
            format!("/{rp}")
        } else {
            match bp.rfind('/') {
                Some(i) => format!("{}{rp}", &bp[..=i]),
                None => rp.to_string(),
            }
        };
        (bs, ba, remove_dots(&merged), rq)
    };
    let mut out = String::new();
    if let Some(s) = scheme {
        out.push_str(s);
        out.push(':');
    }
    if let Some(a) = auth {
        out.push_str("//");
        out.push_str(a);
    }
    out.push_str(&path);
    if let Some(q) = query {
        out.push('?');
        out.push_str(q);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::xml::reader::Limits;

    fn c14n(xml: &str, id: Option<&str>, uri: &str, prefixes: &[&str]) -> String {
        let doc = Document::parse(xml.as_bytes(), &Limits::default()).unwrap();
        let mut m = Canonicalization::from_uri(uri).unwrap();
        m.inclusive_prefixes = prefixes.iter().map(|s| s.to_string()).collect();
        let set = match id {
            Some(id) => NodeSet::subtree(doc.element_by_id(id).unwrap().unwrap(), true),
            None => NodeSet::document(true),
        };
        String::from_utf8(canonicalize(&doc, &set, &m)).unwrap()
    }

    #[test]
    fn c14n_spec_example_3_2_elements_and_attributes() {
        // Canonical XML 1.0 §3.3 (start and end tags), without the DTD part.
        let input = "<doc>\r\n   <e1   />\n   <e2   ></e2>\n   <e3   name = \"elem3\"   id=\"elem3\"   />\n   <e4   name=\"elem4\"   id=\"elem4\"   ></e4>\n   <e5 a:attr=\"out\" b:attr=\"sorted\" attr2=\"all\" attr=\"I'm\"\n      xmlns:b=\"http://www.ietf.org\"\n      xmlns:a=\"http://www.w3.org\"\n      xmlns=\"http://example.org\"/>\n   <e6 xmlns=\"\" xmlns:a=\"http://www.w3.org\">\n      <e7 xmlns=\"http://www.ietf.org\">\n         <e8 xmlns=\"\" xmlns:a=\"http://www.w3.org\">\n            <e9 xmlns=\"\" xmlns:a=\"http://www.ietf.org\"/>\n         </e8>\n      </e7>\n   </e6>\n</doc>";
        let expected = "<doc>\n   <e1></e1>\n   <e2></e2>\n   <e3 id=\"elem3\" name=\"elem3\"></e3>\n   <e4 id=\"elem4\" name=\"elem4\"></e4>\n   <e5 xmlns=\"http://example.org\" xmlns:a=\"http://www.w3.org\" xmlns:b=\"http://www.ietf.org\" attr=\"I'm\" attr2=\"all\" b:attr=\"sorted\" a:attr=\"out\"></e5>\n   <e6 xmlns:a=\"http://www.w3.org\">\n      <e7 xmlns=\"http://www.ietf.org\">\n         <e8 xmlns=\"\">\n            <e9 xmlns:a=\"http://www.ietf.org\"></e9>\n         </e8>\n      </e7>\n   </e6>\n</doc>";
        assert_eq!(c14n(input, None, C14N_10, &[]), expected);
    }

    #[test]
    fn c14n_spec_example_3_4_character_modifications() {
        let input = "<doc>\n   <text>First line&#x0d;&#10;Second line</text>\n   <value>&#x32;</value>\n   <compute><![CDATA[value>\"0\" && value<\"10\" ?\"valid\":\"error\"]]></compute>\n   <compute expr='value>\"0\" &amp;&amp; value&lt;\"10\" ?\"valid\":\"error\"'>valid</compute>\n   <norm attr=' &apos;   &#x20;&#13;&#xa;&#9;   &apos; '/>\n</doc>";
        let expected = "<doc>\n   <text>First line&#xD;\nSecond line</text>\n   <value>2</value>\n   <compute>value&gt;\"0\" &amp;&amp; value&lt;\"10\" ?\"valid\":\"error\"</compute>\n   <compute expr=\"value>&quot;0&quot; &amp;&amp; value&lt;&quot;10&quot; ?&quot;valid&quot;:&quot;error&quot;\">valid</compute>\n   <norm attr=\" '    &#xD;&#xA;&#x9;   ' \"></norm>\n</doc>";
        assert_eq!(c14n(input, None, C14N_10, &[]), expected);
    }

    #[test]
    fn comments_and_pis_outside_the_root() {
        let input = "<?xml version=\"1.0\"?>\n\n<?xml-stylesheet   href=\"doc.xsl\"\n   type=\"text/xsl\"   ?>\n\n<doc>Hello, world!<!-- Comment 1 --></doc>\n\n<?pi-without-data     ?>\n\n<!-- Comment 2 -->\n\n<!-- Comment 3 -->";
        let without = "<?xml-stylesheet href=\"doc.xsl\"\n   type=\"text/xsl\"   ?>\n<doc>Hello, world!</doc>\n<?pi-without-data?>";
        let with = "<?xml-stylesheet href=\"doc.xsl\"\n   type=\"text/xsl\"   ?>\n<doc>Hello, world!<!-- Comment 1 --></doc>\n<?pi-without-data?>\n<!-- Comment 2 -->\n<!-- Comment 3 -->";
        assert_eq!(c14n(input, None, C14N_10, &[]), without);
        assert_eq!(c14n(input, None, C14N_10_COMMENTS, &[]), with);
    }

    #[test]
    fn subsets_render_inherited_namespaces_per_algorithm() {
        let input = "<HDon xmlns:inv=\"urn:inv\" xmlns=\"urn:d\" xml:lang=\"vi\"><DLHDon Id=\"a\"><x>1</x><inv:y/></DLHDon></HDon>";
        assert_eq!(
            c14n(input, Some("a"), C14N_10, &[]),
            "<DLHDon xmlns=\"urn:d\" xmlns:inv=\"urn:inv\" Id=\"a\" xml:lang=\"vi\"><x>1</x><inv:y></inv:y></DLHDon>"
        );
        assert_eq!(
            c14n(input, Some("a"), C14N_11, &[]),
            "<DLHDon xmlns=\"urn:d\" xmlns:inv=\"urn:inv\" Id=\"a\" xml:lang=\"vi\"><x>1</x><inv:y></inv:y></DLHDon>"
        );
        assert_eq!(
            c14n(input, Some("a"), EXC_C14N, &[]),
            "<DLHDon xmlns=\"urn:d\" Id=\"a\"><x>1</x><inv:y xmlns:inv=\"urn:inv\"></inv:y></DLHDon>"
        );
        assert_eq!(
            c14n(input, Some("a"), EXC_C14N, &["inv"]),
            "<DLHDon xmlns=\"urn:d\" xmlns:inv=\"urn:inv\" Id=\"a\"><x>1</x><inv:y></inv:y></DLHDon>"
        );
        // Without the ancestor's declaration, the inclusive digest differs.
        let bare = "<HDon xmlns=\"urn:d\" xml:lang=\"vi\"><DLHDon Id=\"a\"><x>1</x><inv:y xmlns:inv=\"urn:inv\"/></DLHDon></HDon>";
        assert_ne!(c14n(input, Some("a"), C14N_10, &[]), c14n(bare, Some("a"), C14N_10, &[]));
        assert_eq!(c14n(input, Some("a"), EXC_C14N, &[]), c14n(bare, Some("a"), EXC_C14N, &[]));
    }

    #[test]
    fn exclusive_default_namespace_undeclaration() {
        let input = "<a xmlns=\"urn:x\"><b xmlns=\"\" Id=\"b\"><c/></b></a>";
        assert_eq!(c14n(input, Some("b"), EXC_C14N, &[]), "<b Id=\"b\"><c></c></b>");
        assert_eq!(
            c14n(input, None, EXC_C14N, &[]),
            "<a xmlns=\"urn:x\"><b xmlns=\"\" Id=\"b\"><c></c></b></a>"
        );
        assert_eq!(
            c14n(input, None, C14N_10, &[]),
            "<a xmlns=\"urn:x\"><b xmlns=\"\" Id=\"b\"><c></c></b></a>"
        );
    }

    #[test]
    fn pieces_given_to_a_sink_make_the_canonical_form() {
        let rows: String = (0..3000).map(|i| format!("<r n='{i}'>a&amp;b\r\n</r>\n")).collect();
        let xml = format!("<doc xmlns:p='urn:p'><p:x Id='x' xmlns:q='urn:q'>{rows}<q:y/></p:x></doc>");
        let doc = Document::parse(xml.as_bytes(), &Limits::default()).unwrap();
        for uri in [C14N_10, C14N_11_COMMENTS, EXC_C14N] {
            let m = Canonicalization::from_uri(uri).unwrap();
            for set in
                [NodeSet::document(false), NodeSet::subtree(doc.element_by_id("x").unwrap().unwrap(), false)]
            {
                let whole = canonicalize(&doc, &set, &m);
                let mut pieces: Vec<Vec<u8>> = Vec::new();
                canonicalize_to(&doc, &set, &m, &mut |p| pieces.push(p.to_vec()));
                assert!(pieces.len() > 1, "{uri}: {} piece(s)", pieces.len());
                assert!(pieces.iter().all(|p| p.len() < 2 * SINK_CHUNK));
                assert_eq!(pieces.concat(), whole, "{uri}");
            }
        }
    }

    #[test]
    fn a_redeclared_or_new_binding_below_the_apex_is_rendered() {
        // Same binding declared again (nothing to render), one changed, one added, the default
        // undeclared: only what differs from the output parent appears.
        let input = "<a xmlns='urn:d' xmlns:p='urn:p'><b xmlns:p='urn:p'><c xmlns:p='urn:p2'><d xmlns:q='urn:q'><e xmlns=''/></d></c></b></a>";
        assert_eq!(
            c14n(input, None, C14N_10, &[]),
            "<a xmlns=\"urn:d\" xmlns:p=\"urn:p\"><b><c xmlns:p=\"urn:p2\"><d xmlns:q=\"urn:q\"><e xmlns=\"\"></e></d></c></b></a>"
        );
    }

    #[test]
    fn xml_base_fixup_in_c14n_11() {
        let input = "<a xml:base=\"http://e.org/x/\"><b xml:base=\"y/\"><c Id=\"c\" xml:base=\"../z\" xml:id=\"q\"/></b></a>";
        assert_eq!(
            c14n(input, Some("c"), C14N_11, &[]),
            "<c Id=\"c\" xml:base=\"http://e.org/x/z\" xml:id=\"q\"></c>"
        );
        assert_eq!(c14n(input, Some("c"), C14N_10, &[]), "<c Id=\"c\" xml:base=\"../z\" xml:id=\"q\"></c>");
        assert_eq!(join_uri("http://a/b/c/d;p?q", "../../g"), "http://a/g");
        assert_eq!(join_uri("http://a/b/c/d;p?q", "g?y"), "http://a/b/c/g?y");
        assert_eq!(join_uri("../x/", "../y"), "../y");
    }
}
