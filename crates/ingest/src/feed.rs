//! RSS (0.9x, 1.0, 2.0) and Atom feeds, streamed with quick-xml: one
//! document per item/entry. Custom XML entities are never expanded (a feed
//! that declares any is refused), and a truncated feed yields the items
//! that were complete, then an error.

use std::io::{BufRead, Cursor};

use quick_xml::errors::{Error as XmlError, SyntaxError};
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use crate::util::{collapse, decode_entities, io_reason, too_large, Size};
use crate::{date, html, make_doc, IngestError, Options, RawDoc};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Field {
    Title,
    Link,
    Published,
    Updated,
    Content,
    Description,
}

#[derive(Default)]
struct Item {
    title: String,
    link: String,
    atom_link: Option<String>,
    published: String,
    updated: String,
    content: String,
    description: String,
    /// `type="text"` content or summary: plain text, not HTML.
    content_plain: bool,
    description_plain: bool,
    /// Bytes taken so far; past the limit the item is refused.
    bytes: u64,
    oversized: bool,
}

/// How the text of the field being read is kept.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// Escaped text or CDATA holding HTML or plain text: stored decoded.
    Text,
    /// Atom `type="text"` content: plain text, not HTML.
    Plain,
    /// Atom `type="xhtml"` content: inline markup, stored as markup.
    Xhtml,
}

struct Open {
    field: Field,
    depth: usize,
    mode: Mode,
}

/// The encoding named in an XML declaration, if it is not UTF-8.
fn declared_encoding(head: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let end = crate::util::find(head, b"?>")?;
    let decl = &head[..end];
    if !decl.starts_with(b"<?xml") && !decl.starts_with(b"\xEF\xBB\xBF<?xml") {
        return None;
    }
    let i = crate::util::find(decl, b"encoding")?;
    let rest = &decl[i + 8..];
    let q = rest.iter().position(|&b| b == b'"' || b == b'\'')?;
    let rest = &rest[q + 1..];
    let e = rest.iter().position(|&b| b == b'"' || b == b'\'')?;
    let enc = encoding_rs::Encoding::for_label(&rest[..e])?;
    (enc != encoding_rs::UTF_8).then_some(enc)
}

pub fn read_feed(
    name: &str,
    mut reader: Box<dyn BufRead + '_>,
    opts: &Options,
    sink: &mut dyn FnMut(Result<RawDoc, IngestError>),
) {
    let enc = match reader.fill_buf() {
        Ok(head) => declared_encoding(&head[..head.len().min(1024)]),
        Err(e) => return sink(Err(IngestError::new(name, io_reason(&e)))),
    };
    if let Some(enc) = enc {
        // A legacy-encoded feed is transcoded whole (bounded), then parsed.
        let bytes = match crate::util::read_bounded(reader, opts.max_doc_bytes) {
            Ok(Ok(b)) => b,
            Ok(Err(n)) => return sink(Err(IngestError::new(name, too_large(n, opts.max_doc_bytes)))),
            Err(e) => return sink(Err(IngestError::new(name, io_reason(&e)))),
        };
        let (text, _) = enc.decode_with_bom_removal(&bytes);
        let owned = text.into_owned().into_bytes();
        return parse(name, Box::new(Cursor::new(owned)), opts, sink);
    }
    parse(name, reader, opts, sink)
}

fn attr(e: &BytesStart, key: &[u8]) -> Option<String> {
    e.attributes()
        .with_checks(false)
        .flatten()
        .find(|a| a.key.local_name().as_ref() == key)
        .map(|a| decode_entities(&String::from_utf8_lossy(&a.value)))
}

fn parse(name: &str, reader: Box<dyn BufRead + '_>, opts: &Options, sink: &mut dyn FnMut(Result<RawDoc, IngestError>)) {
    let mut xml = Reader::from_reader(reader);
    xml.config_mut().check_end_names = true;
    let mut buf = Vec::new();
    let mut stack: Vec<Vec<u8>> = Vec::new();
    let mut root: Option<Vec<u8>> = None;
    let mut channel_title = String::new();
    let mut in_channel_title = false;
    let mut item: Option<(Item, usize)> = None;
    let mut open: Option<Open> = None;
    let mut count = 0usize;
    let limit = opts.max_doc_bytes;
    let err = |reason: String| IngestError::new(name, reason);

    loop {
        buf.clear();
        let ev = xml.read_event_into(&mut buf);
        let ev = match ev {
            Ok(ev) => ev,
            Err(e) => {
                let reason = match &e {
                    XmlError::Io(io) => io_reason(io),
                    XmlError::Syntax(
                        SyntaxError::UnclosedTag
                        | SyntaxError::UnclosedCData
                        | SyntaxError::UnclosedComment
                        | SyntaxError::UnclosedPIOrXmlDecl
                        | SyntaxError::UnclosedDoctype
                        | SyntaxError::InvalidBangMarkup,
                    ) if root.is_some() => format!("truncated feed: {e} (after {count} complete item(s))"),
                    _ if root.is_none() => format!("not a feed: XML error at byte {}: {e}", xml.error_position()),
                    _ => format!("XML error at byte {}: {e}", xml.error_position()),
                };
                return sink(Err(err(reason)));
            }
        };
        match ev {
            Event::DocType(d) => {
                let lower = d.to_ascii_lowercase();
                if crate::util::find(&lower, b"<!entity").is_some() {
                    return sink(Err(err(
                        "refusing XML that declares entities (possible entity-expansion attack); not a feed this reader accepts"
                            .to_string(),
                    )));
                }
            }
            Event::Start(e) => {
                let local = e.local_name().as_ref().to_vec();
                if root.is_none() {
                    if !matches!(&local[..], b"rss" | b"feed" | b"RDF") {
                        return sink(Err(err(format!(
                            "not a feed: root element <{}> (expected <rss> or <feed>)",
                            String::from_utf8_lossy(&local)
                        ))));
                    }
                    root = Some(local.clone());
                }
                stack.push(local.clone());
                let depth = stack.len();
                if let Some(o) = &open {
                    if o.mode != Mode::Plain {
                        if let Some((it, _)) = item.as_mut() {
                            push_field(it, o.field, &format!("<{}>", String::from_utf8_lossy(&e)), limit);
                        }
                    }
                    continue;
                }
                if &local[..] == b"item" || (&local[..] == b"entry" && root.as_deref() == Some(b"feed")) {
                    item = Some((Item::default(), depth));
                    continue;
                }
                if item.is_none() {
                    let parent = stack.len().checked_sub(2).map(|i| &stack[i][..]);
                    if &local[..] == b"title"
                        && matches!(parent, Some(b"channel") | Some(b"feed"))
                        && channel_title.is_empty()
                    {
                        in_channel_title = true;
                    }
                } else if let Some((it, idepth)) = item.as_mut() {
                    if depth == *idepth + 1 {
                        let qname = e.name().as_ref().to_vec();
                        // Only the feed's own vocabulary: <media:description> is a caption,
                        // <itunes:summary> a duplicate.
                        let prefix = qname.len().checked_sub(local.len() + 1).map(|n| &qname[..n]);
                        let own = matches!(
                            prefix,
                            None | Some(b"atom" | b"a" | b"rss" | b"dc" | b"dcterms" | b"content")
                        );
                        let field = if !own {
                            None
                        } else {
                            match &local[..] {
                                b"title" => Some(Field::Title),
                                b"link" => {
                                    let rel = attr(&e, b"rel");
                                    if let Some(h) = attr(&e, b"href") {
                                        if rel.is_none() || rel.as_deref() == Some("alternate") {
                                            it.atom_link.get_or_insert(h);
                                        }
                                        None
                                    } else {
                                        Some(Field::Link)
                                    }
                                }
                                b"pubDate" | b"published" | b"issued" | b"date" => Some(Field::Published),
                                b"updated" | b"modified" => Some(Field::Updated),
                                b"encoded" if qname.starts_with(b"content:") => Some(Field::Content),
                                b"content" => Some(Field::Content),
                                b"description" | b"summary" => Some(Field::Description),
                                _ => None,
                            }
                        };
                        if let Some(field) = field {
                            let ty = attr(&e, b"type").unwrap_or_default().to_ascii_lowercase();
                            let mode = match ty.as_str() {
                                "xhtml" | "application/xhtml+xml" => Mode::Xhtml,
                                "text" | "text/plain" => Mode::Plain,
                                _ => Mode::Text,
                            };
                            if mode == Mode::Plain {
                                match field {
                                    Field::Content => it.content_plain = true,
                                    Field::Description => it.description_plain = true,
                                    _ => {}
                                }
                            }
                            open = Some(Open { field, depth, mode });
                        }
                    }
                }
            }
            Event::Empty(e) => {
                if let Some(o) = &open {
                    if o.mode != Mode::Plain {
                        if let Some((it, _)) = item.as_mut() {
                            push_field(it, o.field, &format!("<{}/>", String::from_utf8_lossy(&e)), limit);
                        }
                    }
                } else if let Some((it, idepth)) = item.as_mut() {
                    if stack.len() == *idepth && e.local_name().as_ref() == b"link" {
                        let rel = attr(&e, b"rel");
                        if let Some(h) = attr(&e, b"href") {
                            if rel.is_none() || rel.as_deref() == Some("alternate") {
                                it.atom_link.get_or_insert(h);
                            }
                        }
                    }
                }
            }
            Event::Text(t) => {
                let raw = String::from_utf8_lossy(&t);
                if in_channel_title {
                    channel_title.push_str(&decode_entities(&raw));
                } else if let (Some(o), Some((it, _))) = (&open, item.as_mut()) {
                    let s = if o.mode == Mode::Xhtml {
                        raw.into_owned()
                    } else {
                        decode_entities(&raw)
                    };
                    push_field(it, o.field, &s, limit);
                }
            }
            Event::CData(c) => {
                let raw = String::from_utf8_lossy(&c);
                if in_channel_title {
                    channel_title.push_str(&raw);
                } else if let (Some(o), Some((it, _))) = (&open, item.as_mut()) {
                    let s = if o.mode == Mode::Xhtml {
                        html_escape(&raw)
                    } else {
                        raw.into_owned()
                    };
                    push_field(it, o.field, &s, limit);
                }
            }
            Event::End(e) => {
                let depth = stack.len();
                if let Some(o) = &open {
                    if depth == o.depth {
                        open = None;
                    } else if o.mode != Mode::Plain {
                        if let Some((it, _)) = item.as_mut() {
                            push_field(
                                it,
                                o.field,
                                &format!("</{}>", String::from_utf8_lossy(e.name().as_ref())),
                                limit,
                            );
                        }
                    }
                }
                in_channel_title = false;
                if item.as_ref().is_some_and(|(_, d)| *d == depth) {
                    let (it, _) = item.take().expect("checked");
                    count += 1;
                    sink(finish_item(name, count, it, collapse(&channel_title), opts));
                }
                stack.pop();
            }
            Event::Eof => {
                if root.is_none() {
                    return sink(Err(err("not a feed: no root element".to_string())));
                }
                if !stack.is_empty() {
                    let inner = String::from_utf8_lossy(stack.last().expect("non-empty")).into_owned();
                    return sink(Err(err(format!(
                        "truncated feed: input ends inside <{inner}> (after {count} complete item(s))"
                    ))));
                }
                return;
            }
            _ => {}
        }
    }
}

fn html_escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

fn push_field(it: &mut Item, field: Field, s: &str, limit: u64) {
    if it.oversized {
        return;
    }
    it.bytes += s.len() as u64;
    if it.bytes > limit {
        it.oversized = true;
        return;
    }
    let target = match field {
        Field::Title => &mut it.title,
        Field::Link => &mut it.link,
        Field::Published => &mut it.published,
        Field::Updated => &mut it.updated,
        Field::Content => &mut it.content,
        Field::Description => &mut it.description,
    };
    target.push_str(s);
}

fn finish_item(name: &str, n: usize, it: Item, outlet: String, opts: &Options) -> Result<RawDoc, IngestError> {
    let locator = format!("{name}#{n}");
    if it.oversized {
        return Err(IngestError::new(
            locator,
            too_large(Size::MoreThan(opts.max_doc_bytes), opts.max_doc_bytes),
        ));
    }
    let title = collapse(&it.title);
    let to_text = |s: &str, plain: bool| {
        if plain {
            html::plain_to_text(s)
        } else {
            html::fragment_to_text(s)
        }
    };
    let mut text = to_text(&it.content, it.content_plain);
    if text.is_empty() {
        text = to_text(&it.description, it.description_plain);
    }
    if text.trim().is_empty() {
        let what = if title.is_empty() {
            String::new()
        } else {
            format!(" (\"{title}\")")
        };
        return Err(IngestError::new(locator, format!("feed item without text{what}")));
    }
    let link = collapse(&it.link);
    let source = it
        .atom_link
        .map(|l| collapse(&l))
        .filter(|l| !l.is_empty())
        .or(Some(link).filter(|l| !l.is_empty()))
        .unwrap_or(locator);
    let published = date::normalize(&it.published)
        .or_else(|| date::normalize(&it.updated))
        .or_else(|| date::from_url(&source));
    let title = (!title.is_empty()).then_some(title);
    let outlet = (!outlet.is_empty()).then_some(outlet);
    Ok(make_doc(None, source, title, published, outlet, text, None))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(xml: &str) -> Vec<Result<RawDoc, IngestError>> {
        let mut out = Vec::new();
        read_feed("f.xml", Box::new(xml.as_bytes()), &Options::default(), &mut |r| {
            out.push(r)
        });
        out
    }

    #[test]
    fn rss_items() {
        let out = run(
            r#"<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:media="http://search.yahoo.com/mrss/">
<channel><title>Ledger &amp; Co</title><link>https://x.test/</link>
<item><title>One</title><link>https://x.test/1</link><pubDate>Tue, 03 Jun 2025 08:00:00 GMT</pubDate>
<description>Short &lt;b&gt;summary&lt;/b&gt;.</description>
<content:encoded><![CDATA[<p>Full text, he said.</p><p>Second.</p>]]></content:encoded></item>
<item><title>Two</title><media:description>A caption.</media:description><description>Only a summary.</description></item>
</channel></rss>"#,
        );
        assert_eq!(out.len(), 2);
        let a = out[0].as_ref().unwrap();
        assert_eq!(a.text, "Full text, he said.\n\nSecond.");
        assert_eq!(a.meta.source, "https://x.test/1");
        assert_eq!(a.meta.published.as_deref(), Some("2025-06-03"));
        assert_eq!(a.meta.outlet.as_deref(), Some("Ledger & Co"));
        let b = out[1].as_ref().unwrap();
        assert_eq!(b.text, "Only a summary.");
        assert_eq!(b.meta.source, "f.xml#2");
    }

    #[test]
    fn atom_xhtml_and_text() {
        let out = run(r#"<feed xmlns="http://www.w3.org/2005/Atom"><title>Wire</title>
<entry><title type="text">X</title><link rel="alternate" href="https://w.test/x"/><updated>2025-01-02T00:00:00Z</updated>
<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>A &amp; B.</p><p>C.</p></div></content></entry>
<entry><title>Y</title><content type="text">1 &lt; 2, she said &lt;b&gt;twice&lt;/b&gt;.</content></entry></feed>"#);
        let a = out[0].as_ref().unwrap();
        assert_eq!(a.text, "A & B.\n\nC.");
        assert_eq!(a.meta.source, "https://w.test/x");
        assert_eq!(a.meta.published.as_deref(), Some("2025-01-02"));
        assert_eq!(out[1].as_ref().unwrap().text, "1 < 2, she said <b>twice</b>.");
    }

    #[test]
    fn raw_markup_inside_a_description() {
        let out = run("<rss><channel><item><description><p>First, he said.</p><p>Second<br/>line.</p></description></item></channel></rss>");
        assert_eq!(out[0].as_ref().unwrap().text, "First, he said.\n\nSecond line.");
    }

    #[test]
    fn bom_and_legacy_encodings() {
        let out = run("\u{feff}<?xml version=\"1.0\"?><rss><channel><title>B</title><item><description>With a BOM, he said.</description></item></channel></rss>");
        assert_eq!(out[0].as_ref().unwrap().text, "With a BOM, he said.");

        let latin1 = b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss><channel><title>Caf\xe9</title><item><title>D\xe9menti</title><description>Le ministre a d\xe9menti &amp; nbsp&nbsp;ici.</description></item></channel></rss>";
        let mut out = Vec::new();
        read_feed("l.xml", Box::new(&latin1[..]), &Options::default(), &mut |r| {
            out.push(r)
        });
        let d = out[0].as_ref().unwrap();
        assert_eq!(d.text, "Le ministre a d\u{e9}menti & nbsp ici.");
        assert_eq!(d.meta.title.as_deref(), Some("D\u{e9}menti"));
        assert_eq!(d.meta.outlet.as_deref(), Some("Caf\u{e9}"));
    }

    #[test]
    fn truncated_and_entities() {
        let out = run("<rss><channel><title>T</title><item><title>A</title><description>Text a.</description></item><item><title>B</title><descr");
        assert!(out[0].is_ok());
        let e = out[1].as_ref().unwrap_err();
        assert!(e.reason.starts_with("truncated feed"), "{e}");

        let out = run("<rss><channel><item><description>Text a.</description></item><item><description>Te");
        assert!(out[0].is_ok());
        assert!(out[1].as_ref().unwrap_err().reason.starts_with("truncated feed"));

        let bomb = r#"<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]><rss><channel><item><description>&lol2;</description></item></channel></rss>"#;
        let out = run(bomb);
        assert_eq!(out.len(), 1);
        assert!(out[0].as_ref().unwrap_err().reason.contains("entit"));
    }
}
