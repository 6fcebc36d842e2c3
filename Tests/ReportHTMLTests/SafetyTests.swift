import Foundation
import ReportHTML
import StageAggregation
import StageModel
import Testing

/// Data from the inputs must reach the page as text only, and the page must not refer to
/// anything outside itself.
@Suite("Escaping, self-containment and size")
struct SafetyTests {
    /// Everything a hostile or broken document could put in a string.
    static let hostile = [
        "<script>alert(1)</script>",
        "\"><img src=x onerror=alert(2)>",
        "'; alert(3); '",
        "</style><style>body{background:url(https://evil.example/x.png)}</style>",
        "</script><script src=\"https://evil.example/x.js\"></script>",
        "{{title}} {{{script}}} {{> partials/style}}",
        "ctrl\u{0}\u{7}\u{1B}[31mred\u{1B}[0m\u{8}\u{7F}\u{85}end",
        "javascript:alert(4)",
        "<svg onload=alert(5)><a href=\"//evil.example\">x</a></svg>",
        "@import url(//evil.example/x.css); <!-- -->"
    ]

    static func text(_ i: Int) -> String { hostile[i % hostile.count] + "#\(i)" }

    /// The tags and attributes our templates use; anything else came from the data.
    static let allowedTags: Set<String> = [
        "html", "head", "meta", "title", "style", "body", "div", "header", "h1", "h2", "h3", "p", "nav", "a",
        "main", "section", "figure", "svg", "desc", "text", "line", "path", "circle", "g", "rect", "ul", "li",
        "details", "summary", "table", "caption", "thead", "tbody", "tr", "th", "td", "span", "strong", "code",
        "dl", "dt", "dd", "footer", "script", "br", "b"
    ]

    static func assertOnlyOurMarkup(_ html: String, email: Bool, sourceLocation: SourceLocation = #_sourceLocation) {
        let doc = HTMLDocument(html)
        for tag in doc.tags {
            #expect(allowedTags.contains(tag.name), "unexpected <\(tag.name)>", sourceLocation: sourceLocation)
            for (name, value) in tag.attributes {
                #expect(
                    !name.hasPrefix("on"), "event handler attribute \(name) on <\(tag.name)>",
                    sourceLocation: sourceLocation)
                #expect(
                    !["src", "srcset", "action", "formaction", "xlink:href", "background", "poster"].contains(name),
                    "<\(tag.name) \(name)=\(value)>", sourceLocation: sourceLocation)
                if name == "href" { #expect(value.hasPrefix("#"), "link to \(value)", sourceLocation: sourceLocation) }
                if !email, name == "style" {
                    #expect(
                        value.hasPrefix("width:") && value.hasSuffix("%") && !value.contains(";"),
                        "style=\(value)", sourceLocation: sourceLocation)
                }
                for bad in ["//", "url(", "@import", "javascript:", "<", ">"] {
                    #expect(
                        !value.lowercased().contains(bad), "<\(tag.name) \(name)=\"\(value)\">",
                        sourceLocation: sourceLocation)
                }
            }
        }
        #expect(doc.scripts.count == (email ? 0 : 1), sourceLocation: sourceLocation)
        #expect(doc.styles.count == (email ? 0 : 1), sourceLocation: sourceLocation)
        #expect(html.lowercased().occurrences(of: "<script") == (email ? 0 : 1), sourceLocation: sourceLocation)
        #expect(html.lowercased().occurrences(of: "</script") == (email ? 0 : 1), sourceLocation: sourceLocation)
        #expect(html.lowercased().occurrences(of: "</style") == (email ? 0 : 1), sourceLocation: sourceLocation)
        for code in html.unicodeScalars where code.value < 0x20 && code != "\n" || (0x7F...0x9F).contains(code.value) {
            Issue.record(
                "control character U+\(String(code.value, radix: 16)) in the output", sourceLocation: sourceLocation)
        }
        for raw in doc.scripts + doc.styles {
            for bad in ["//", "url(", "@import", "http"] {
                #expect(
                    !raw.lowercased().contains(bad), "\(bad) in a script or style element",
                    sourceLocation: sourceLocation)
            }
        }
    }

    static func hostileSummary() throws -> Summary {
        SyntheticFleet.large(try SyntheticFleet.populated(), scale: 12, text: text)
    }

    @Test func hostileStringsReachThePageAsTextOnly() throws {
        let s = try SafetyTests.hostileSummary()
        let (page, email) = try Fixture.render(s, hostNights: SyntheticFleet.hostNights(for: s))
        SafetyTests.assertOnlyOurMarkup(page, email: false)
        SafetyTests.assertOnlyOurMarkup(email, email: true)
        // They are shown, escaped, not dropped.
        for text in [
            "&lt;script&gt;alert(1)&lt;/script&gt;#", "&quot;&gt;&lt;img src=x onerror=alert(2)&gt;#",
            "&lt;/style&gt;&lt;style&gt;", "{{title}} {{{script}}}",
            "ctrl\u{FFFD}\u{FFFD}red\u{FFFD}\u{FFFD}\u{FFFD}end",
            "&#39;; alert(3); &#39;#", "javascript:alert(4)#"
        ] {
            let shown = page.contains(text)
            #expect(shown, "page lacks \(text)")
        }
        let inEmail = email.contains("&lt;script&gt;alert(1)&lt;/script&gt;#")
        #expect(inEmail)
    }

    @Test func sharedFleetPageHasOnlyOurMarkupAndNoURL() throws {
        let (page, email) = try Fixture.render(Fixture.sharedSummary())
        SafetyTests.assertOnlyOurMarkup(page, email: false)
        SafetyTests.assertOnlyOurMarkup(email, email: true)
        for text in [page, email] {
            for bad in ["http:", "https:", "//", "url(", "@import", "<link", "<img", "<iframe", "<object", "<embed"] {
                #expect(!text.lowercased().contains(bad), "\(bad)")
            }
        }
    }

    /// The policy forbids everything but inline styles and exactly the script on the page.
    @Test func contentSecurityPolicyAllowsOnlyThePagesScript() throws {
        let (page, _) = try Fixture.render(Fixture.sharedSummary())
        let doc = HTMLDocument(page)
        let meta = try #require(
            doc.tags(named: "meta").first { $0.attributes.contains { $0 == ("http-equiv", "Content-Security-Policy") } }
        )
        let policy = try #require(meta.attributes.first { $0.name == "content" }?.value).replacingOccurrences(
            of: "&#39;", with: "'")
        let script = try #require(doc.scripts.first)
        let hash = SHA256.base64Digest(of: script)
        #expect(
            policy
                == "default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-\(hash)'; "
                + "base-uri 'none'; form-action 'none'"
        )
        // The policy comes before anything it governs.
        let metaAt = try #require(page.range(of: "Content-Security-Policy")).lowerBound
        #expect(metaAt < (try #require(page.range(of: "<style>")).lowerBound))
    }

    /// Lists are cut at top-N and strings are capped, so the page size does not grow with the
    /// fleet: thousands of clusters, reasons and hosts, each string at its longest.
    @Test func pageSizeIsBoundedByTopN() throws {
        // Each string is as long as any cap and made of the characters that grow most when
        // escaped. A few distinct strings, shared, keep the fixture small in memory.
        let huge = (0..<SafetyTests.hostile.count).map {
            SafetyTests.text($0) + String(repeating: "<\"&'>", count: 4_000)
        }
        let s = SyntheticFleet.large(try SyntheticFleet.populated(), scale: 5_000) { huge[$0 % huge.count] }
        let (page, email) = try Fixture.render(s, hostNights: SyntheticFleet.hostNights(for: s))
        let pageBytes = page.utf8.count, emailBytes = email.utf8.count
        print("large synthetic summary: page \(pageBytes) bytes, e-mail \(emailBytes) bytes")
        #expect(pageBytes < 5_000_000)
        #expect(emailBytes < 100_000)
        for line in [
            "4,950 more clusters", "9,950 more commits", "4,950 more failure reasons", "4,950 more skip reasons",
            "19,950 more failing hosts", "19,950 more flaky hosts", "9,950 more rejected documents",
            "275 more earlier nights"
        ] {
            let shown = page.contains("\(line) in summary.json")
            #expect(shown, "missing: \(line) in summary.json")
        }
        SafetyTests.assertOnlyOurMarkup(page, email: false)
        SafetyTests.assertOnlyOurMarkup(email, email: true)
    }

    /// The same fleet with realistic strings: what a fleet of a million host outcomes produces.
    @Test func realisticLargeFleetPageSize() throws {
        let s = SyntheticFleet.large(try SyntheticFleet.populated(), scale: 20_000) { i in
            "esx\(i).cluster-\(i % 400).dc\(i % 7).example.com com.vmware.vcIntegrity.lifecycle.StageTask.Error\(i)"
        }
        let (page, email) = try Fixture.render(s)
        print("large realistic summary: page \(page.utf8.count) bytes, e-mail \(email.utf8.count) bytes")
        #expect(page.utf8.count < 1_000_000)
        #expect(email.utf8.count < 50_000)
    }

    @Test func digestHasNoScriptNoStyleElementAndTableLayout() throws {
        let (_, email) = try Fixture.render(Fixture.sharedSummary())
        let doc = HTMLDocument(email)
        #expect(doc.scripts.isEmpty && doc.styles.isEmpty)
        #expect(doc.tags(named: "table").count >= 3)
        #expect(email.utf8.count < 100_000)
        #expect(
            doc.tags.filter { $0.name != "html" && $0.name != "head" && $0.name != "meta" && $0.name != "title" }
                .allSatisfy { !$0.attributes.contains { $0.name == "class" } },
            "mail clients drop classes: styles are inline")
    }
}
