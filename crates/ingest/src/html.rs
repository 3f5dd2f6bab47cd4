//! HTML: charset, metadata (JSON-LD, Open Graph, meta tags) and main-content
//! extraction (boilerplate removal plus a paragraph-density heuristic).

use std::collections::HashMap;

use encoding_rs::Encoding;
use scraper::{ElementRef, Html, Node, Selector};
use serde_json::Value;

use crate::text::{self, DecodeError};
use crate::util::{collapse, decode_entities, push_collapsed};
use crate::{date, make_doc, IngestError, RawDoc};

/// What a page yields.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Extracted {
    pub text: String,
    pub title: Option<String>,
    pub published: Option<String>,
    pub outlet: Option<String>,
}

pub const NO_TEXT: &str = "no article text found";
pub const TOO_DEEP: &str = "HTML nested too deeply (more than 20000 open elements)";

/// Parsing time grows with the square of the nesting depth, so hostile
/// pages nested this deep are refused before parsing.
const MAX_NESTING: usize = 20_000;

/// An upper estimate of the element nesting depth from a scan of the tags:
/// open tags minus close tags, not counting void elements, self-closing
/// tags, or elements whose end tag may be left out (`p`, `li`, `td`...).
fn nesting_estimate(html: &str) -> usize {
    const NO_DEPTH: &[&str] = &[
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr",
        "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "tbody", "thead", "tfoot", "colgroup", "rb",
        "rt", "rp", "!doctype", "html", "head", "body",
    ];
    let b = html.as_bytes();
    let (mut depth, mut max) = (0usize, 0usize);
    let mut i = 0;
    while let Some(off) = memchr_lt(&b[i..]) {
        let at = i + off + 1;
        i = at;
        let close = b.get(at) == Some(&b'/');
        let start = if close { at + 1 } else { at };
        let len = b[start..]
            .iter()
            .take(16)
            .take_while(|c| c.is_ascii_alphanumeric() || **c == b'!')
            .count();
        if len == 0 {
            continue;
        }
        let name = html[start..start + len].to_ascii_lowercase();
        if NO_DEPTH.contains(&name.as_str()) || name.starts_with('!') {
            continue;
        }
        if close {
            depth = depth.saturating_sub(1);
        } else {
            let end = b[start..].iter().position(|&c| c == b'>').map(|e| start + e);
            if end.is_some_and(|e| e > 0 && b[e - 1] == b'/') {
                continue;
            }
            depth += 1;
            max = max.max(depth);
        }
    }
    max
}

fn memchr_lt(b: &[u8]) -> Option<usize> {
    b.iter().position(|&c| c == b'<')
}

/// Read a saved HTML page.
pub fn read_html_file(name: &str, bytes: &[u8]) -> Result<RawDoc, IngestError> {
    let html = decode_html(bytes, None).map_err(|e| IngestError::new(name, e.reason()))?;
    if html.trim().is_empty() {
        return Err(IngestError::new(name, "empty document"));
    }
    let page = extract_page(&html).map_err(|e| IngestError::new(name, e))?;
    Ok(make_doc(
        None,
        name.to_string(),
        page.title,
        page.published,
        page.outlet,
        page.text,
        None,
    ))
}

/// Decode HTML bytes: BOM, then the HTTP charset, then `<meta charset>` /
/// http-equiv, then UTF-8 or detection.
pub fn decode_html(bytes: &[u8], http_charset: Option<&str>) -> Result<String, DecodeError> {
    let declared = http_charset
        .and_then(|l| Encoding::for_label(l.trim().as_bytes()))
        .or_else(|| meta_charset(bytes));
    text::decode(bytes, declared)
}

/// The charset a page declares in a `<meta>` tag within its first 4 KB.
pub fn meta_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head: Vec<u8> = bytes[..bytes.len().min(4096)]
        .iter()
        .map(|b| b.to_ascii_lowercase())
        .collect();
    let mut from = 0;
    while let Some(i) = crate::util::find(&head[from..], b"<meta") {
        let start = from + i;
        let end = head[start..]
            .iter()
            .position(|&b| b == b'>')
            .map_or(head.len(), |e| start + e);
        let tag = &head[start..end];
        if let Some(c) = crate::util::find(tag, b"charset") {
            let mut rest = &tag[c + 7..];
            rest = trim_ascii_start(rest);
            if let Some(r) = rest.strip_prefix(b"=") {
                let r = trim_ascii_start(r);
                let r = r.strip_prefix(b"\"").or_else(|| r.strip_prefix(b"'")).unwrap_or(r);
                let len = r
                    .iter()
                    .position(|&b| matches!(b, b'"' | b'\'' | b' ' | b';' | b'/' | b'>'))
                    .unwrap_or(r.len());
                if let Some(enc) = Encoding::for_label(&r[..len]) {
                    return Some(enc);
                }
            }
        }
        from = end.max(start + 5);
        if from >= head.len() {
            break;
        }
    }
    None
}

fn trim_ascii_start(b: &[u8]) -> &[u8] {
    let n = b.iter().take_while(|c| c.is_ascii_whitespace()).count();
    &b[n..]
}

fn sel(s: &str) -> Selector {
    Selector::parse(s).expect("static selector")
}

/// Extract the main text and metadata of a whole page.
pub fn extract_page(html: &str) -> Result<Extracted, &'static str> {
    if nesting_estimate(html) > MAX_NESTING {
        return Err(TOO_DEEP);
    }
    let mut doc = Html::parse_document(html);
    prune_deep(&mut doc);
    let mut meta = PageMeta::default();
    meta.read(&doc);

    let root = content_root(&doc);
    let mut out = Vec::new();
    if let Some(root) = root {
        blocks(root, &mut out);
        if out.is_empty() {
            loose_text(root, &mut out);
        }
        if meta.time.is_none() {
            meta.time = root
                .select(&sel("time[datetime]"))
                .find_map(|t| t.attr("datetime"))
                .and_then(date::normalize);
        }
    }
    // Pages rendered by script often carry the whole text in JSON-LD only.
    if let Some(body) = meta.ld_body.take() {
        let html_len: usize = out.iter().map(String::len).sum();
        if html_len * 3 < body.len() {
            out = vec![body];
        }
    }
    if out.iter().all(|p| p.trim().is_empty()) {
        return Err(NO_TEXT);
    }
    let outlet = meta.outlet();
    let title = meta.title(outlet.as_deref());
    Ok(Extracted {
        text: out.join("\n\n"),
        title,
        published: meta.published(),
        outlet,
    })
}

/// The text of an HTML fragment (a feed item's description or content),
/// with the same boilerplate rules as a page.
pub fn fragment_to_text(html: &str) -> String {
    if nesting_estimate(html) > MAX_NESTING {
        return String::new();
    }
    if !html.contains('<') {
        // Plain text (entities already decoded by the feed reader): blank
        // lines separate paragraphs.
        return plain_to_text(html);
    }
    let mut doc = Html::parse_fragment(html);
    prune_deep(&mut doc);
    let root = doc.root_element();
    let mut out = Vec::new();
    blocks(root, &mut out);
    if out.is_empty() {
        loose_text(root, &mut out);
    }
    out.join("\n\n")
}

/// Nesting deeper than any real page: what lies below is cut off, so the
/// recursive walks here stay within the stack on hostile input.
const MAX_DEPTH: usize = 256;

fn prune_deep(doc: &mut Html) {
    use ego_tree::iter::Edge;
    let mut depth = 0usize;
    let mut cut = Vec::new();
    for edge in doc.tree.root().traverse() {
        match edge {
            Edge::Open(n) => {
                depth += 1;
                if depth == MAX_DEPTH {
                    cut.push(n.id());
                }
            }
            Edge::Close(_) => depth -= 1,
        }
    }
    for id in cut {
        if let Some(mut n) = doc.tree.get_mut(id) {
            n.detach();
        }
    }
}

/// Plain text to paragraphs: blank lines separate them, other whitespace
/// collapses.
pub fn plain_to_text(s: &str) -> String {
    let mut paras = Vec::new();
    let mut cur = String::new();
    for line in s.lines() {
        if line.trim().is_empty() {
            if !cur.trim().is_empty() {
                paras.push(collapse(&cur));
            }
            cur.clear();
        } else {
            cur.push(' ');
            cur.push_str(line);
        }
    }
    if !cur.trim().is_empty() {
        paras.push(collapse(&cur));
    }
    paras.join("\n\n")
}

/// Metadata candidates found on a page, in their order of trust.
#[derive(Default)]
struct PageMeta {
    ld_headline: Option<String>,
    ld_published: Option<String>,
    ld_publisher: Option<String>,
    ld_body: Option<String>,
    h1: Option<String>,
    metas: HashMap<String, String>,
    title_tag: Option<String>,
    time: Option<String>,
    itemprop_date: Option<String>,
}

impl PageMeta {
    fn read(&mut self, doc: &Html) {
        for script in doc.select(&sel("script")) {
            let ty = script.attr("type").unwrap_or("").to_ascii_lowercase();
            if !ty.contains("ld+json") {
                continue;
            }
            let raw: String = script.text().collect();
            if let Ok(v) = serde_json::from_str::<Value>(raw.trim().trim_end_matches(';')) {
                self.read_ld(&v, 0);
            }
        }
        for m in doc.select(&sel("meta")) {
            let key = m
                .attr("property")
                .or_else(|| m.attr("name"))
                .or_else(|| m.attr("itemprop"));
            if let (Some(k), Some(c)) = (key, m.attr("content")) {
                let c = collapse(c);
                if !c.is_empty() {
                    self.metas.entry(k.trim().to_ascii_lowercase()).or_insert(c);
                }
            }
        }
        self.title_tag = doc
            .select(&sel("title"))
            .next()
            .map(|t| collapse(&t.text().collect::<String>()))
            .filter(|t| !t.is_empty());
        self.h1 = doc
            .select(&sel("h1"))
            .next()
            .map(|h| collapse(&h.text().collect::<String>()))
            .filter(|t| !t.is_empty());
        self.itemprop_date = doc
            .select(&sel("[itemprop=datePublished]"))
            .find_map(|e| {
                e.attr("datetime")
                    .or_else(|| e.attr("content"))
                    .map(str::to_string)
                    .or_else(|| Some(e.text().collect()))
            })
            .and_then(|s| date::normalize(&s));
    }

    fn read_ld(&mut self, v: &Value, depth: usize) {
        if depth > 8 {
            return;
        }
        match v {
            Value::Array(items) => items.iter().for_each(|i| self.read_ld(i, depth + 1)),
            Value::Object(o) => {
                if let Some(g) = o.get("@graph") {
                    self.read_ld(g, depth + 1);
                }
                let types: Vec<&str> = match o.get("@type") {
                    Some(Value::String(s)) => vec![s.as_str()],
                    Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).collect(),
                    _ => vec![],
                };
                let is_article = types
                    .iter()
                    .any(|t| t.ends_with("Article") || *t == "BlogPosting" || *t == "Report");
                if !is_article || self.ld_headline.is_some() {
                    return;
                }
                let s = |k: &str| {
                    o.get(k)
                        .and_then(Value::as_str)
                        .map(|s| collapse(&decode_entities(s)))
                        .filter(|s| !s.is_empty())
                };
                self.ld_headline = s("headline").or_else(|| s("name"));
                self.ld_body = o.get("articleBody").and_then(Value::as_str).map(|b| {
                    b.split("\n")
                        .map(|p| collapse(&decode_entities(p)))
                        .filter(|p| !p.is_empty())
                        .collect::<Vec<_>>()
                        .join("\n\n")
                });
                self.ld_published = s("datePublished")
                    .or_else(|| s("dateCreated"))
                    .and_then(|d| date::normalize(&d));
                self.ld_publisher = match o.get("publisher") {
                    Some(Value::Object(p)) => p
                        .get("name")
                        .and_then(Value::as_str)
                        .map(|s| collapse(&decode_entities(s))),
                    Some(Value::Array(a)) => a
                        .iter()
                        .find_map(|p| p.get("name").and_then(Value::as_str))
                        .map(|s| collapse(&decode_entities(s))),
                    Some(Value::String(s)) => Some(collapse(&decode_entities(s))),
                    _ => None,
                }
                .filter(|s| !s.is_empty());
            }
            _ => {}
        }
    }

    fn meta(&self, keys: &[&str]) -> Option<&str> {
        keys.iter().find_map(|k| self.metas.get(*k)).map(String::as_str)
    }

    fn outlet(&self) -> Option<String> {
        self.meta(&["og:site_name"])
            .map(str::to_string)
            .or_else(|| self.ld_publisher.clone())
    }

    fn title(&self, outlet: Option<&str>) -> Option<String> {
        if let Some(h) = &self.ld_headline {
            return Some(h.clone());
        }
        let t = self
            .meta(&["og:title", "twitter:title"])
            .map(str::to_string)
            .or_else(|| self.title_tag.clone());
        match t {
            Some(t) => Some(clean_title(&t, outlet)),
            None => self.h1.clone(),
        }
    }

    fn published(&self) -> Option<String> {
        const KEYS: [&str; 13] = [
            "article:published_time",
            "og:article:published_time",
            "date",
            "pubdate",
            "publishdate",
            "publish-date",
            "publish_date",
            "dc.date",
            "dc.date.issued",
            "dcterms.date",
            "dcterms.created",
            "parsely-pub-date",
            "citation_publication_date",
        ];
        self.ld_published
            .clone()
            .or_else(|| {
                KEYS.iter()
                    .find_map(|k| self.metas.get(*k).and_then(|v| date::normalize(v)))
            })
            .or_else(|| self.itemprop_date.clone())
            .or_else(|| self.time.clone())
    }
}

/// Strip a trailing " | Site" from a page title, conservatively: only when
/// the tail names the outlet, or is a short name after " | ".
pub fn clean_title(title: &str, outlet: Option<&str>) -> String {
    let t = collapse(title);
    for sep in [" | ", " – ", " — ", " - ", " :: ", " · "] {
        let Some(i) = t.rfind(sep) else { continue };
        let (head, tail) = (t[..i].trim(), t[i + sep.len()..].trim());
        if head.is_empty() {
            continue;
        }
        let names_outlet = outlet.is_some_and(|o| {
            let (o, tl) = (o.to_lowercase(), tail.to_lowercase());
            !o.is_empty() && (tl == o || tl.contains(&o) || o.contains(&tl))
        });
        let short_site = sep == " | " && tail.split_whitespace().count() <= 4 && head.split_whitespace().count() >= 3;
        if names_outlet || short_site {
            return head.to_string();
        }
    }
    t
}

/// Elements never part of the article text.
const DROP_TAGS: &[&str] = &[
    "nav",
    "header",
    "footer",
    "aside",
    "script",
    "style",
    "noscript",
    "form",
    "figure",
    "figcaption",
    "iframe",
    "svg",
    "button",
    "template",
    "select",
    "textarea",
    "input",
    "label",
    "object",
    "embed",
    "video",
    "audio",
    "canvas",
    "dialog",
    "menu",
    "head",
    "title",
    "picture",
    "img",
    "h1",
];

/// class/id words that mark boilerplate.
const BAD_WORDS: &[&str] = &[
    "nav",
    "navbar",
    "navigation",
    "menu",
    "ad",
    "ads",
    "adv",
    "advert",
    "advertisement",
    "advertising",
    "adslot",
    "promo",
    "promotion",
    "share",
    "sharing",
    "social",
    "related",
    "comment",
    "comments",
    "newsletter",
    "caption",
    "credit",
    "credits",
    "breadcrumb",
    "breadcrumbs",
    "footer",
    "sidebar",
    "sponsor",
    "sponsored",
    "outbrain",
    "taboola",
    "subscribe",
    "signup",
    "cookie",
    "cookies",
    "popup",
    "modal",
    "toolbar",
    "skip",
    "recommended",
    "trending",
    "mostread",
    "popular",
    "paywall",
    "disqus",
    "tags",
    "byline-social",
    "hidden",
    "sr-only",
    "visually-hidden",
    "print-only",
];

/// Substrings of a class/id word that mark boilerplate ("relatedLinks",
/// "adContainer" is not caught, "sharebar" is).
const BAD_PARTS: &[&str] = &[
    "advert",
    "newsletter",
    "breadcrumb",
    "sidebar",
    "caption",
    "promo",
    "sharing",
    "sharebar",
    "socialmedia",
    "related",
    "sponsor",
    "navbar",
    "navigation",
    "footer",
    "outbrain",
    "taboola",
    "cookie",
];

fn is_boilerplate(el: ElementRef) -> bool {
    let e = el.value();
    let name = e.name();
    if DROP_TAGS.contains(&name) {
        return true;
    }
    if e.attr("hidden").is_some() || e.attr("aria-hidden").is_some_and(|v| v.eq_ignore_ascii_case("true")) {
        return true;
    }
    if let Some(role) = e.attr("role") {
        let role = role.to_ascii_lowercase();
        if matches!(
            role.as_str(),
            "navigation"
                | "banner"
                | "contentinfo"
                | "complementary"
                | "menu"
                | "menubar"
                | "search"
                | "dialog"
                | "alert"
        ) {
            return true;
        }
    }
    if let Some(style) = e.attr("style") {
        let s: String = style
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        if s.contains("display:none") || s.contains("visibility:hidden") {
            return true;
        }
    }
    // Page-level containers are never dropped for their class names
    // (`<html class="ads-enabled">`, `<body class="has-sidebar">`).
    if matches!(name, "html" | "body" | "main" | "article")
        || e.attr("itemprop")
            .is_some_and(|v| v.eq_ignore_ascii_case("articleBody"))
    {
        return false;
    }
    let names: Vec<String> = [e.attr("class"), e.id()]
        .into_iter()
        .flatten()
        .map(|v| v.to_ascii_lowercase())
        .collect();
    // A class that also says "this is the article" keeps the weaker hints
    // ("article-footer", "story-sidebar-body") from dropping it.
    let maybe_content = names.iter().any(|v| {
        ["article", "content", "story", "body", "entry", "main"]
            .iter()
            .any(|w| v.contains(w))
    });
    for v in &names {
        for word in v.split(|c: char| c.is_whitespace()) {
            if word.is_empty() || is_state_flag(word) {
                continue;
            }
            let hit = BAD_WORDS.contains(&word)
                || BAD_PARTS.iter().any(|p| word.contains(p))
                || word
                    .split(|c: char| !c.is_ascii_alphanumeric())
                    .any(|w| BAD_WORDS.contains(&w));
            if !hit {
                continue;
            }
            let strong = STRONG_PARTS.iter().any(|p| word.contains(p))
                || word
                    .split(|c: char| !c.is_ascii_alphanumeric())
                    .any(|w| matches!(w, "ad" | "ads" | "adv"));
            if strong || !maybe_content {
                return true;
            }
        }
    }
    false
}

/// Class words that describe a state of the page, not what an element is:
/// "has-comments", "ads-enabled", "js-sticky", "with-sidebar".
fn is_state_flag(word: &str) -> bool {
    [
        "has-",
        "has_",
        "with-",
        "no-",
        "is-",
        "js-",
        "show-",
        "can-",
        "enable",
        "supports-",
        "page-",
        "layout-",
    ]
    .iter()
    .any(|p| word.starts_with(p))
        || [
            "-enabled",
            "-disabled",
            "-active",
            "-visible",
            "-layout",
            "-page",
            "-template",
            "-open",
            "-loaded",
            "-init",
        ]
        .iter()
        .any(|s| word.ends_with(s))
}

/// Hints strong enough to drop an element even when its class also says
/// "article" or "content" ("article-comments", "content-ad").
const STRONG_PARTS: &[&str] = &[
    "comment",
    "related",
    "share",
    "sharing",
    "social",
    "newsletter",
    "advert",
    "promo",
    "sponsor",
    "outbrain",
    "taboola",
    "caption",
    "credit",
    "breadcrumb",
    "cookie",
    "subscribe",
    "paywall",
    "readmore",
    "read-more",
    "more-stories",
    "most-read",
    "teaser",
];

/// Elements whose text is one paragraph of the output.
const TEXT_BLOCKS: &[&str] = &["p", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "dd", "dt"];

/// Text and link-text lengths of an element, boilerplate excluded.
fn text_and_links(el: ElementRef) -> (usize, usize, usize) {
    fn go(el: ElementRef, in_link: bool, acc: &mut (usize, usize, usize)) {
        for child in el.children() {
            match child.value() {
                Node::Text(t) => {
                    let n = t.chars().filter(|c| !c.is_whitespace()).count();
                    acc.0 += n;
                    if in_link {
                        acc.1 += n;
                    }
                }
                Node::Element(_) => {
                    let Some(c) = ElementRef::wrap(child) else { continue };
                    if is_boilerplate(c) {
                        continue;
                    }
                    let is_a = c.value().name() == "a";
                    if is_a {
                        acc.2 += 1;
                    }
                    go(c, in_link || is_a, acc);
                }
                _ => {}
            }
        }
    }
    let mut acc = (0, 0, 0);
    go(el, false, &mut acc);
    acc
}

/// Lists and link blocks that are navigation in disguise (related links,
/// tag clouds, "more stories").
fn link_dense(el: ElementRef) -> bool {
    let name = el.value().name();
    if !matches!(
        name,
        "ul" | "ol" | "dl" | "div" | "section" | "table" | "span" | "p" | "li"
    ) {
        return false;
    }
    let (text, links, count) = text_and_links(el);
    if text == 0 {
        return false;
    }
    match name {
        "ul" | "ol" | "dl" => count >= 1 && links * 2 > text,
        "div" | "section" | "table" | "span" => count >= 3 && links * 10 > text * 7,
        // A paragraph that is only a link, or a "Read more: <link>" pointer.
        "p" | "li" => count >= 1 && text < 150 && (links * 10 > text * 9 || is_pointer(el)),
        _ => false,
    }
}

/// "Read more: ...", "Related: ...", "See also ..." lines pointing elsewhere.
fn is_pointer(el: ElementRef) -> bool {
    let start: String = el
        .text()
        .collect::<String>()
        .trim_start()
        .chars()
        .take(24)
        .collect::<String>()
        .to_lowercase();
    [
        "read more",
        "read also",
        "also read",
        "related",
        "see also",
        "more:",
        "watch:",
        "listen:",
        "recommended",
        "click here",
        "read:",
        "more on this",
    ]
    .iter()
    .any(|p| start.starts_with(p))
}

fn has_text_block(el: ElementRef) -> bool {
    el.descendants()
        .skip(1)
        .any(|n| n.value().as_element().is_some_and(|e| TEXT_BLOCKS.contains(&e.name())))
}

/// Paragraph texts that are page furniture, not article text.
fn is_junk(t: &str) -> bool {
    const JUNK: &[&str] = &[
        "advertisement",
        "ad",
        "skip to content",
        "skip to main content",
        "continue reading",
        "continue reading below",
        "story continues below advertisement",
        "read more",
        "share this article",
        "share",
        "sign up for our newsletter",
    ];
    let l = t.trim().trim_end_matches(['.', ':', '…']).to_lowercase();
    if JUNK.contains(&l.as_str()) {
        return true;
    }
    // Copyright lines and "Image caption" labels.
    l.len() < 160 && (l.starts_with('©') || l.starts_with("copyright ") || l.starts_with("(c) "))
        || l.starts_with("image caption") && l.len() < 200
        || l.starts_with("image copyright") && l.len() < 120
}

/// Collect the text blocks under `el`: paragraph-like elements, plus runs
/// of loose inline text between blocks when they read like sentences.
fn blocks(el: ElementRef, out: &mut Vec<String>) {
    let mut run = String::new();
    let mut brs = 0;
    for child in el.children() {
        match child.value() {
            Node::Text(t) => {
                if !t.trim().is_empty() {
                    if brs >= 2 {
                        flush_run(&mut run, out);
                    }
                    brs = 0;
                }
                push_collapsed(&mut run, t);
            }
            Node::Element(e) => {
                let Some(c) = ElementRef::wrap(child) else { continue };
                let name = e.name();
                if name == "br" {
                    brs += 1;
                    push_collapsed(&mut run, " ");
                    continue;
                }
                if is_boilerplate(c) || link_dense(c) {
                    continue;
                }
                if is_inline(name) && !has_text_block(c) {
                    let t = inline_text(c).join(" ");
                    if !t.is_empty() {
                        if brs >= 2 {
                            flush_run(&mut run, out);
                        }
                        brs = 0;
                        push_collapsed(&mut run, &t);
                    }
                    continue;
                }
                flush_run(&mut run, out);
                brs = 0;
                if TEXT_BLOCKS.contains(&name) && !has_text_block(c) {
                    out.extend(inline_text(c).into_iter().filter(|p| !is_junk(p)));
                } else {
                    blocks(c, out);
                }
            }
            _ => {}
        }
    }
    flush_run(&mut run, out);
}

/// Keep a run of loose text only when it reads like prose, not a label
/// ("Updated 5 min ago", "By Jane Doe").
fn flush_run(run: &mut String, out: &mut Vec<String>) {
    let t = run.trim();
    let prose = t.chars().count() >= 80
        || (t.split_whitespace().count() >= 3 && t.ends_with(['.', '!', '?', '"', '”', '’', ')']));
    if prose && !is_junk(t) {
        out.push(t.to_string());
    }
    run.clear();
}

fn is_inline(name: &str) -> bool {
    matches!(
        name,
        "a" | "b"
            | "i"
            | "em"
            | "strong"
            | "span"
            | "small"
            | "sub"
            | "sup"
            | "abbr"
            | "cite"
            | "q"
            | "u"
            | "mark"
            | "time"
            | "font"
            | "code"
            | "s"
            | "del"
            | "ins"
            | "bdi"
            | "bdo"
            | "wbr"
            | "kbd"
            | "var"
            | "dfn"
            | "data"
            | "big"
            | "tt"
    )
}

/// The text of one block: whitespace collapsed, `<br><br>` splitting it.
fn inline_text(el: ElementRef) -> Vec<String> {
    fn go(el: ElementRef, paras: &mut Vec<String>, cur: &mut String, brs: &mut usize) {
        for child in el.children() {
            match child.value() {
                Node::Text(t) => {
                    if t.trim().is_empty() {
                        push_collapsed(cur, t);
                        continue;
                    }
                    if *brs >= 2 && !cur.trim().is_empty() {
                        paras.push(std::mem::take(cur));
                    }
                    *brs = 0;
                    push_collapsed(cur, t);
                }
                Node::Element(e) => {
                    if e.name() == "br" {
                        *brs += 1;
                        push_collapsed(cur, " ");
                        continue;
                    }
                    let Some(c) = ElementRef::wrap(child) else { continue };
                    if is_boilerplate(c) {
                        continue;
                    }
                    go(c, paras, cur, brs);
                }
                _ => {}
            }
        }
    }
    let mut paras = Vec::new();
    let mut cur = String::new();
    let mut brs = 0;
    go(el, &mut paras, &mut cur, &mut brs);
    paras.push(cur);
    paras
        .into_iter()
        .map(|p| p.trim().to_string())
        .filter(|p| !p.is_empty())
        .collect()
}

/// Fallback when a container has no paragraph elements: every run of text
/// between block boundaries is a paragraph.
fn loose_text(el: ElementRef, out: &mut Vec<String>) {
    fn flush(cur: &mut String, out: &mut Vec<String>) {
        let t = cur.trim();
        if !t.is_empty() && !is_junk(t) {
            out.push(t.to_string());
        }
        cur.clear();
    }
    fn go(el: ElementRef, cur: &mut String, out: &mut Vec<String>, brs: &mut usize) {
        for child in el.children() {
            match child.value() {
                Node::Text(t) => {
                    if !t.trim().is_empty() {
                        if *brs >= 2 {
                            flush(cur, out);
                        }
                        *brs = 0;
                    }
                    push_collapsed(cur, t);
                }
                Node::Element(e) => {
                    if e.name() == "br" {
                        *brs += 1;
                        push_collapsed(cur, " ");
                        continue;
                    }
                    let Some(c) = ElementRef::wrap(child) else { continue };
                    if is_boilerplate(c) || link_dense(c) {
                        continue;
                    }
                    if is_inline(e.name()) {
                        go(c, cur, out, brs);
                    } else {
                        flush(cur, out);
                        go(c, cur, out, brs);
                        flush(cur, out);
                    }
                }
                _ => {}
            }
        }
    }
    let mut cur = String::new();
    let mut brs = 0;
    go(el, &mut cur, out, &mut brs);
    flush(&mut cur, out);
}

/// Whether an element or any ancestor is boilerplate.
fn in_boilerplate(el: ElementRef) -> bool {
    std::iter::once(el)
        .chain(el.ancestors().filter_map(ElementRef::wrap))
        .any(is_boilerplate)
}

/// Characters of paragraph text under an element, boilerplate excluded.
fn paragraph_text(el: ElementRef) -> usize {
    let mut n = 0;
    for child in el.children() {
        let Some(c) = ElementRef::wrap(child) else { continue };
        if is_boilerplate(c) || link_dense(c) {
            continue;
        }
        if c.value().name() == "p" {
            n += c
                .text()
                .map(|t| t.chars().filter(|ch| !ch.is_whitespace()).count())
                .sum::<usize>();
        } else {
            n += paragraph_text(c);
        }
    }
    n
}

/// The element holding the article: `[itemprop=articleBody]`, `<article>`,
/// `<main>` when they hold most of the paragraph text, else the container
/// with the most paragraph text (parent gets a paragraph's full length,
/// grandparent half).
fn content_root(doc: &Html) -> Option<ElementRef<'_>> {
    let body = doc.select(&sel("body")).next().unwrap_or_else(|| doc.root_element());
    // Scores in first-seen (document) order, so ties resolve the same way every run.
    let mut index = HashMap::new();
    let mut scores: Vec<(f64, ElementRef)> = Vec::new();
    for p in doc.select(&sel("p")) {
        if in_boilerplate(p) || link_dense(p) {
            continue;
        }
        let len = p
            .text()
            .map(|t| t.chars().filter(|c| !c.is_whitespace()).count())
            .sum::<usize>() as f64;
        if len < 20.0 {
            continue;
        }
        let mut weight = 1.0;
        for anc in p.ancestors().filter_map(ElementRef::wrap).take(2) {
            if anc.value().name() == "html" {
                break;
            }
            let i = *index.entry(anc.id()).or_insert_with(|| {
                scores.push((0.0, anc));
                scores.len() - 1
            });
            scores[i].0 += len * weight;
            weight /= 2.0;
        }
    }
    let mut best: Option<(f64, ElementRef)> = None;
    for &(score, el) in &scores {
        // Ties go to the outer element.
        let better = match best {
            None => true,
            Some((bs, be)) => score > bs || (score == bs && be.ancestors().any(|a| a.id() == el.id())),
        };
        if better {
            best = Some((score, el));
        }
    }
    let mut winner = match best {
        Some((_, el)) => el,
        None => {
            // No real paragraphs: the semantic containers, else the body.
            for s in ["[itemprop=articleBody]", "article", "main", "[role=main]"] {
                if let Some(e) = doc.select(&sel(s)).find(|e| !in_boilerplate(*e)) {
                    return Some(e);
                }
            }
            return Some(body);
        }
    };
    // Climb while the parent holds clearly more paragraph text (an article
    // split into several blocks), never to the body.
    let mut wtext = paragraph_text(winner);
    for _ in 0..2 {
        let Some(parent) = winner.parent().and_then(ElementRef::wrap) else {
            break;
        };
        if matches!(parent.value().name(), "body" | "html") {
            break;
        }
        let ptext = paragraph_text(parent);
        if ptext * 10 >= wtext * 13 {
            winner = parent;
            wtext = ptext;
        } else {
            break;
        }
    }
    for s in ["[itemprop=articleBody]", "article", "main", "[role=main]"] {
        let cand = doc
            .select(&sel(s))
            .filter(|e| !in_boilerplate(*e))
            .map(|e| (paragraph_text(e), e))
            .max_by_key(|(n, _)| *n);
        if let Some((n, e)) = cand {
            // A semantic element wrapping the winner may add little text of
            // its own (a teaser grid in <main> is not the article); one
            // inside it or apart from it must hold most of its text.
            let wraps_winner = winner.ancestors().any(|a| a.id() == e.id());
            let ok = if wraps_winner {
                n * 100 <= wtext * 115
            } else {
                n * 10 >= wtext * 6
            };
            if ok && n > 0 {
                return Some(e);
            }
        }
    }
    Some(winner)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles() {
        assert_eq!(
            clean_title("Kremlin denies it | The Daily Ledger", None),
            "Kremlin denies it"
        );
        assert_eq!(
            clean_title("Kremlin denies it - The Daily Ledger", Some("The Daily Ledger")),
            "Kremlin denies it"
        );
        assert_eq!(clean_title("Yes - or no? The vote", None), "Yes - or no? The vote");
        assert_eq!(clean_title("A | B", None), "A | B");
    }

    #[test]
    fn charset_from_meta() {
        assert_eq!(
            meta_charset(b"<html><head><meta charset=\"iso-8859-1\">"),
            Some(encoding_rs::WINDOWS_1252)
        );
        assert_eq!(
            meta_charset(b"<META http-equiv=\"Content-Type\" content=\"text/html; charset=Shift_JIS\">"),
            Some(encoding_rs::SHIFT_JIS)
        );
        assert_eq!(meta_charset(b"<meta name=x content=y><p>charset=utf-8"), None);
    }

    #[test]
    fn fragment_plain_and_blocks() {
        assert_eq!(
            fragment_to_text("Officials &amp; experts <b>disagree</b>."),
            "Officials & experts disagree."
        );
        assert_eq!(
            fragment_to_text("<p>One.</p><p>Two <a href=x>link</a> here.</p>"),
            "One.\n\nTwo link here."
        );
        assert_eq!(
            fragment_to_text("<p>First<br><br>Second<br>line</p>"),
            "First\n\nSecond line"
        );
    }

    #[test]
    fn density_picks_the_article_block() {
        let page = r#"<html><body>
            <div class="top"><p>Short teaser about other news today.</p></div>
            <div id="story-9">
              <p>The ministry denied the report on Monday, saying it was baseless and politically motivated.</p>
              <p>"We reject these claims entirely," spokesman Ivan Petrov told reporters in the capital.</p>
              <div class="ad-slot"><p>Advertisement text that should never appear in output here.</p></div>
              <p>Experts said the evidence could point to a wider campaign, according to a think tank.</p>
            </div>
            <ul class="links"><li><a href="/a">Other story one</a></li><li><a href="/b">Other story two</a></li></ul>
            </body></html>"#;
        let e = extract_page(page).unwrap();
        assert_eq!(e.text.split("\n\n").count(), 3, "{}", e.text);
        assert!(e.text.starts_with("The ministry denied"));
        assert!(!e.text.contains("Advertisement") && !e.text.contains("teaser") && !e.text.contains("Other story"));
    }

    #[test]
    fn div_paragraphs_and_loose_text() {
        let page = r#"<html><body><nav>Home News</nav><div class="story">
            <div class="para">The agency denied the report, calling it baseless and misleading in every respect.</div>
            <div class="para">Officials said <a href="/x">the inquiry</a> would continue.</div>
            <div class="meta">Updated 5 min ago</div>
            Loose text with no wrapper, as old pages have it, said the editor.<br><br>And a second loose paragraph here.
            </div></body></html>"#;
        let e = extract_page(page).unwrap();
        assert_eq!(
            e.text,
            "The agency denied the report, calling it baseless and misleading in every respect.\n\nOfficials said the inquiry would continue.\n\nLoose text with no wrapper, as old pages have it, said the editor.\n\nAnd a second loose paragraph here."
        );
    }

    #[test]
    fn json_ld_article_body_when_the_html_has_none() {
        let page = r#"<html><head><script type="application/ld+json">{"@type":"NewsArticle","headline":"H &amp; T","articleBody":"First paragraph, he said.\nSecond one."}</script></head><body><div id="app"></div></body></html>"#;
        let e = extract_page(page).unwrap();
        assert_eq!(e.text, "First paragraph, he said.\n\nSecond one.");
        assert_eq!(e.title.as_deref(), Some("H & T"));
    }

    #[test]
    fn h1_title_fallback_and_plain_fragments() {
        let e =
            extract_page("<body><h1>Headline here</h1><p>The minister said the report was wrong.</p></body>").unwrap();
        assert_eq!(e.title.as_deref(), Some("Headline here"));
        assert_eq!(e.text, "The minister said the report was wrong.");
        assert_eq!(
            fragment_to_text("One line\nsame para.\n\n  Next para. "),
            "One line same para.\n\nNext para."
        );
    }

    #[test]
    fn split_body_teaser_articles_and_pointers() {
        let page = r#"<html><body>
          <main>
            <section class="grid">
              <article class="card"><h3><a href="/a">Other story</a></h3><p>A teaser paragraph for a different story entirely.</p></article>
              <article class="card"><h3><a href="/b">Another</a></h3><p>Another teaser paragraph that should not be used here.</p></article>
            </section>
            <div class="content">
              <div class="chunk">
                <p>The regulator said on Friday that the merger would be blocked, citing concerns about prices for consumers.</p>
                <p>“We cannot allow this deal to go ahead in its current form,” the regulator’s chair, Olu Adebayo, told a news conference.</p>
              </div>
              <div class="dfp-ad"><span>Advertisement</span></div>
              <div class="chunk">
                <p><strong>Read more:</strong> <a href="/c">Regulator fines bank over complaints</a></p>
                <p>Both companies said they were disappointed and were considering an appeal, according to a joint statement.</p>
                <div class="media-caption"><span class="off-screen">Image caption</span> The chair speaking in London.</div>
                <p>Analysts said the decision might push the firms to sell some assets.</p>
                <p>© 2025 Example Wire. All rights reserved.</p>
              </div>
            </div>
          </main></body></html>"#;
        let e = extract_page(page).unwrap();
        assert_eq!(e.text.split("\n\n").count(), 4, "{}", e.text);
        assert!(e.text.starts_with("The regulator said on Friday"));
        assert!(e.text.ends_with("sell some assets."), "{}", e.text);
        for bad in ["teaser", "Read more", "Advertisement", "caption", "chair speaking", "©"] {
            assert!(!e.text.contains(bad), "{bad}: {}", e.text);
        }
    }

    #[test]
    fn page_level_flags_do_not_drop_the_article() {
        let page = r#"<html class="js ads-enabled bbcdotcom"><body class="page-article has-sidebar with-comments">
            <div class="layout-main-with-sidebar"><div id="main-content" class="article-body story-text">
            <p>The spokesman said the allegations were entirely false and politically motivated.</p>
            <p>Independent analysts said the evidence was thin but could not be dismissed outright.</p>
            <div class="article-comments"><p>This is a reader comment that should never be part of it.</p></div>
            </div><div class="sidebar"><p>Sidebar teaser text about something else entirely, at length.</p></div></div>
            </body></html>"#;
        let e = extract_page(page).unwrap();
        assert_eq!(
            e.text,
            "The spokesman said the allegations were entirely false and politically motivated.\n\nIndependent analysts said the evidence was thin but could not be dismissed outright."
        );
    }

    #[test]
    fn hostile_nesting_does_not_overflow_the_stack() {
        // Deeper than the walks go: cut off below MAX_DEPTH.
        let deep = format!(
            "<html><body><p>The official said the claim was false, in a statement.</p>{}deep text{}</body></html>",
            "<div><span>".repeat(1_500),
            "</span></div>".repeat(1_500)
        );
        let e = extract_page(&deep).unwrap();
        assert_eq!(e.text, "The official said the claim was false, in a statement.");
        // Deeper than parsing is worth: refused up front.
        let hostile = format!("<p>Text here, he said.</p>{}", "<div>".repeat(30_000));
        assert_eq!(extract_page(&hostile), Err(TOO_DEEP));
        assert_eq!(fragment_to_text(&format!("{}x", "<blockquote>".repeat(30_000))), "");
        // Unclosed paragraphs and void tags do not count.
        let flat = format!(
            "<div>{}</div>",
            "<p>One more paragraph, she said.<br><img src=x>".repeat(30_000)
        );
        assert!(nesting_estimate(&flat) < 5);
    }

    #[test]
    fn no_text_is_an_error() {
        assert_eq!(
            extract_page("<html><body><nav><a href=/>Home</a></nav><script>var x=1;</script></body></html>"),
            Err(NO_TEXT)
        );
    }
}
