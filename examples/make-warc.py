#!/usr/bin/env python3
"""Build examples/warc/news-crawl.warc.gz, a small Common Crawl News-style
WARC: one gzip member per record (warcinfo, request/response pairs, a
metadata record, a redirect and a robots.txt that readers should skip).

Deterministic: fixed record ids and dates, gzip mtime 0. Run from anywhere:
    python3 examples/make-warc.py
"""

import gzip
import io
import os

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "warc", "news-crawl.warc.gz")

FACTORY_PAGE = """<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Union says factory closure was planned for months; Corvell denies it - Midland Ledger</title>
<meta property="og:site_name" content="Midland Ledger">
<meta property="og:title" content="Union says factory closure was planned for months; Corvell denies it">
<meta name="pubdate" content="2025-02-11">
</head><body>
<nav class="top-menu"><a href="/">Home</a> <a href="/local">Local</a> <a href="/business">Business</a></nav>
<div class="article-wrapper">
<h1>Union says factory closure was planned for months; Corvell denies it</h1>
<div class="article-text">
<p>The engineering union at Corvell Components has accused the company of planning the closure of its Ashby plant for months while assuring workers that their jobs were safe, a claim the company denies.</p>
<p>"Management sat across the table from us in November and told us there were no plans to close the site," said Rachel Dunn, the union's regional organiser. "We now know that was not true."</p>
<p>Dunn pointed to a planning application, filed in October, to convert part of the site into warehousing. According to the union, the application shows the decision had been taken long before the closure was announced last week.</p>
<p>Corvell rejected the accusation. "The decision to consult on closure was taken only after we lost our largest customer in January," a company spokeswoman said, adding that the planning application had been "a routine contingency".</p>
<p>The local MP, Graham Whitby, said he had written to the chief executive asking for the timeline to be published. Industrial relations expert Sophie Lang of Midland University said the two accounts might not be incompatible. "Companies often prepare options long before they choose one," she said, "but workers will understandably feel misled."</p>
<p>About 340 people work at the plant. Talks between the union and management are due to resume on Thursday.</p>
</div>
<div class="related-links"><h3>More from Business</h3><ul><li><a href="/b/1">Bus fares rise again</a></li><li><a href="/b/2">Retail park sold</a></li></ul></div>
</div>
<footer><p>Midland Ledger, all rights reserved.</p></footer>
</body></html>
"""

FLOODS_PAGE = """<!DOCTYPE html>
<html><head>
<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">
<title>Weather service rejects claim that cloud seeding caused floods | Valley Observer</title>
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"Weather service rejects claim that cloud seeding caused floods","datePublished":"2025-07-29T10:15:00Z","publisher":{"@type":"Organization","name":"Valley Observer"}}</script>
</head><body>
<header><a href="/">Valley Observer</a> <span class="tagline">Your valley, your news</span></header>
<main>
<article>
<p>The national weather service on Monday rejected claims circulating online that a cloud-seeding trial caused last week\u2019s floods in the Dellow valley, which forced hundreds of people from their homes.</p>
<p>\u201cCloud seeding cannot produce rainfall on anything like this scale. The floods were caused by a slow-moving storm system that we forecast three days in advance,\u201d the service\u2019s chief meteorologist, Dr Ian Castellano, said.</p>
<p>The claims spread after a local councillor, Brenda Hollis, told a public meeting that a private company had been \u201cplaying with the weather\u201d near the valley in the days before the storm. Hollis later said she had only been asking questions.</p>
<p>The company, AeroRain, confirmed that it had carried out a small trial in the region in June but said it had ended weeks before the floods. According to AeroRain, the trial used a single aircraft over an area 200 kilometres away.</p>
<figure><img src="/flood.jpg"><figcaption>Floodwater in Dellow town centre on Thursday. Photo: Observer reader</figcaption></figure>
<p>Climate scientist Mei Lin Zhou said heavier downpours were becoming more likely as the atmosphere warmed. \u201cPeople look for someone to blame, and a company with aeroplanes is an easier target than physics,\u201d she said.</p>
</article>
</main>
<div class="social-share"><a href="#">Share on Facebook</a> <a href="#">Share on X</a></div>
</body></html>
"""

WARC_DATE = {
    "factory": "2025-02-11T15:04:05Z",
    "floods": "2025-07-29T12:30:00Z",
}


def record(fields, block):
    head = "WARC/1.0\r\n" + "".join(f"{k}: {v}\r\n" for k, v in fields) + f"Content-Length: {len(block)}\r\n\r\n"
    return gzip.compress(head.encode("ascii") + block + b"\r\n\r\n", mtime=0)


def http_response(status, headers, body):
    head = f"HTTP/1.1 {status}\r\n" + "".join(f"{k}: {v}\r\n" for k, v in headers) + "\r\n"
    return head.encode("ascii") + body


def chunked(body, size=700):
    out = io.BytesIO()
    for i in range(0, len(body), size):
        piece = body[i : i + size]
        out.write(f"{len(piece):x}\r\n".encode("ascii") + piece + b"\r\n")
    out.write(b"0\r\n\r\n")
    return out.getvalue()


def main():
    members = []
    info = b"software: claimgraph examples/make-warc.py\r\nformat: WARC File Format 1.0\r\nisPartOf: CC-NEWS-EXAMPLE\r\n"
    members.append(record([
        ("WARC-Type", "warcinfo"),
        ("WARC-Date", "2025-07-29T12:00:00Z"),
        ("WARC-Record-ID", "<urn:uuid:00000000-0000-4000-8000-000000000001>"),
        ("WARC-Filename", "news-crawl.warc.gz"),
        ("Content-Type", "application/warc-fields"),
    ], info))

    pages = [
        ("factory", "https://midlandledger.example/business/2025/02/11/corvell-ashby-closure", FACTORY_PAGE.encode("utf-8"),
         "text/html; charset=UTF-8", True),
        ("floods", "https://valleyobserver.example/news/cloud-seeding-floods", FLOODS_PAGE.encode("cp1252"),
         "text/html", False),
    ]
    n = 2
    for key, uri, body, ctype, compress in pages:
        date = WARC_DATE[key]
        host = uri.split("/")[2]
        path = "/" + uri.split("/", 3)[3]
        req = f"GET {path} HTTP/1.1\r\nHost: {host}\r\nUser-Agent: example-crawler/1.0\r\nAccept-Encoding: gzip\r\n\r\n".encode("ascii")
        members.append(record([
            ("WARC-Type", "request"),
            ("WARC-Date", date),
            ("WARC-Record-ID", f"<urn:uuid:00000000-0000-4000-8000-00000000000{n}>"),
            ("WARC-Target-URI", uri),
            ("Content-Type", "application/http; msgtype=request"),
        ], req))
        n += 1
        headers = [("Content-Type", ctype), ("Date", "Tue, 29 Jul 2025 12:30:00 GMT")]
        if compress:
            # Content-Encoding gzip inside chunked transfer-encoding, as servers send it.
            payload = chunked(gzip.compress(body, mtime=0))
            headers += [("Content-Encoding", "gzip"), ("Transfer-Encoding", "chunked")]
        else:
            payload = body
            headers += [("Content-Length", str(len(body)))]
        members.append(record([
            ("WARC-Type", "response"),
            ("WARC-Date", date),
            ("WARC-Record-ID", f"<urn:uuid:00000000-0000-4000-8000-00000000000{n}>"),
            ("WARC-Target-URI", uri),
            ("Content-Type", "application/http; msgtype=response"),
        ], http_response("200 OK", headers, payload)))
        n += 1
        members.append(record([
            ("WARC-Type", "metadata"),
            ("WARC-Date", date),
            ("WARC-Record-ID", f"<urn:uuid:00000000-0000-4000-8000-00000000000{n}>"),
            ("WARC-Target-URI", uri),
            ("Content-Type", "application/warc-fields"),
        ], b"fetchTimeMs: 212\r\n"))
        n += 1

    # Records a reader must skip without complaint: a redirect and robots.txt.
    members.append(record([
        ("WARC-Type", "response"),
        ("WARC-Date", "2025-07-29T12:31:00Z"),
        ("WARC-Record-ID", "<urn:uuid:00000000-0000-4000-8000-000000000101>"),
        ("WARC-Target-URI", "https://valleyobserver.example/old-link"),
        ("Content-Type", "application/http; msgtype=response"),
    ], http_response("301 Moved Permanently", [("Location", "/news/cloud-seeding-floods"), ("Content-Type", "text/html")], b"<html><body>Moved</body></html>")))
    members.append(record([
        ("WARC-Type", "response"),
        ("WARC-Date", "2025-07-29T12:32:00Z"),
        ("WARC-Record-ID", "<urn:uuid:00000000-0000-4000-8000-000000000102>"),
        ("WARC-Target-URI", "https://valleyobserver.example/robots.txt"),
        ("Content-Type", "application/http; msgtype=response"),
    ], http_response("200 OK", [("Content-Type", "text/plain")], b"User-agent: *\nDisallow: /admin\n")))

    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "wb") as f:
        for m in members:
            f.write(m)
    print(f"wrote {OUT} ({len(members)} records)")


if __name__ == "__main__":
    main()
