import Foundation
import ReportHTML
import StageAggregation
import Testing
import TestHelpers

/// The page in a real browser, from file://: no console message, no exception, no request
/// other than the file itself, and the tables sort and filter when clicked and typed into.
/// Chromium is an `ExternalTool`: missing, each test is skipped, or fails under
/// STAGE_REPORT_REQUIRE_TOOLS=1.
@Suite("Headless Chromium", .serialized)
struct BrowserTests {
    /// A loaded page and what the browser reported while loading it.
    struct Loaded {
        var session: String
        var url: String
        var problems: [String]
    }

    static func load(_ html: String, named name: String, in browser: Chromium, directory: URL) throws -> Loaded {
        let file = directory.appendingPathComponent(name)
        try Data(html.utf8).write(to: file)
        let url = file.absoluteString
        let target = try browser.send("Target.createTarget", ["url": "about:blank"])["targetId"] as? String ?? ""
        let session =
            try browser.send("Target.attachToTarget", ["targetId": target, "flatten": true])["sessionId"] as? String
            ?? ""
        for domain in ["Runtime", "Log", "Network", "Page"] { try browser.send("\(domain).enable", session: session) }
        try browser.send("Page.navigate", ["url": url], session: session)
        try browser.waitForEvent("Page.loadEventFired", session: session)
        // Let anything the page starts after load (timers, late requests) show up.
        _ = try browser.evaluate("new Promise(r => setTimeout(() => r(true), 300))", session: session)
        return Loaded(session: session, url: url, problems: problems(in: browser.events, session: session, url: url))
    }

    /// Every console message, exception, log error (CSP violations are logged there), failed
    /// load, dialog, and request for anything but the page itself.
    static func problems(in events: [[String: Any]], session: String, url: String) -> [String] {
        events.filter { $0["sessionId"] as? String == session }.compactMap { e -> String? in
            let params = e["params"] as? [String: Any] ?? [:]
            switch e["method"] as? String {
            case "Runtime.consoleAPICalled":
                return "console.\(params["type"] ?? "?"): \(params["args"] ?? "")"
            case "Runtime.exceptionThrown":
                return "exception: \(params["exceptionDetails"] ?? "")"
            case "Log.entryAdded":
                let entry = params["entry"] as? [String: Any] ?? [:]
                let level = entry["level"] as? String ?? ""
                return level == "error" || level == "warning" ? "log \(level): \(entry["text"] ?? "")" : nil
            case "Network.requestWillBeSent":
                let request = (params["request"] as? [String: Any])?["url"] as? String ?? ""
                return request == url ? nil : "request for \(request)"
            case "Network.loadingFailed":
                return "failed load: \(params)"
            case "Page.javascriptDialogOpening":
                return "dialog: \(params["message"] ?? "")"
            default:
                return nil
            }
        }
    }

    @Test func sharedFleetLoadsCleanlyAndItsTablesSortAndFilter() throws {
        let browser = try Chromium(executable: try ExternalTool.chromium.require())
        defer { browser.shutDown() }
        let scratch = try TemporaryDirectory("browser")
        let dir = scratch.url
        let (page, email) = try Fixture.render(Fixture.sharedSummary())
        let loaded = try BrowserTests.load(page, named: "report.html", in: browser, directory: dir)
        #expect(loaded.problems.isEmpty, "\(loaded.problems)")
        let s = loaded.session

        // The script ran (CSP allowed it by its hash): headers became buttons, filters appeared.
        let buttons =
            try browser.evaluate("document.querySelectorAll('#t-clusters th button.sort').length", session: s) as? Int
        #expect(buttons == 11)

        // A real mouse click on "Hosts" sorts ascending, a second click descending.
        let hostsColumn = """
            Array.from(document.querySelectorAll('#t-clusters tbody tr')).map(r => Number(r.cells[3].textContent))
            """
        let before = try #require(try browser.evaluate(hostsColumn, session: s) as? [Int])
        #expect(before != before.sorted(), "the fixture must not start sorted by hosts")
        try click("#t-clusters thead th:nth-child(4) button", in: browser, session: s)
        let ascending = try #require(try browser.evaluate(hostsColumn, session: s) as? [Int])
        #expect(ascending == before.sorted())
        let state = try browser.evaluate(
            "document.querySelector('#t-clusters thead th:nth-child(4)').getAttribute('aria-sort')", session: s)
        #expect(state as? String == "ascending")
        try click("#t-clusters thead th:nth-child(4) button", in: browser, session: s)
        let descending = try #require(try browser.evaluate(hostsColumn, session: s) as? [Int])
        #expect(descending == before.sorted(by: >))

        // Typing into the filter hides the rows that do not match.
        try click("#t-clusters", filter: true, in: browser, session: s)
        try browser.send("Input.insertText", ["text": "c16"], session: s)
        let visible = try browser.evaluate(
            "Array.from(document.querySelectorAll('#t-clusters tbody tr')).filter(r => !r.hidden).length", session: s)
        #expect(visible as? Int == 1)

        // The digest too: no script at all, nothing loaded.
        let digest = try BrowserTests.load(email, named: "report-email.html", in: browser, directory: dir)
        #expect(digest.problems.isEmpty, "\(digest.problems)")
        let scripts = try browser.evaluate("document.scripts.length", session: digest.session) as? Int
        #expect(scripts == 0)
    }

    /// Hostile data, and a fleet far larger than top-N: still no console error, no request, no
    /// element the templates did not write, and the page is ready quickly.
    @Test func hostileAndLargePagesLoadCleanly() throws {
        let browser = try Chromium(executable: try ExternalTool.chromium.require())
        defer { browser.shutDown() }
        let scratch = try TemporaryDirectory("browser")
        let dir = scratch.url

        let hostile = try SafetyTests.hostileSummary()
        let (page, email) = try Fixture.render(hostile, hostNights: SyntheticFleet.hostNights(for: hostile))
        for (html, name) in [(page, "hostile.html"), (email, "hostile-email.html")] {
            let loaded = try BrowserTests.load(html, named: name, in: browser, directory: dir)
            #expect(loaded.problems.isEmpty, "\(name): \(loaded.problems)")
            let foreign =
                try browser.evaluate(
                    """
                    [document.scripts.length, document.images.length, \
                    document.querySelectorAll('iframe,object,embed,link,img,base,form').length,
                     Array.from(document.querySelectorAll('*')).filter(e => \
                    Array.from(e.attributes).some(a => a.name.startsWith('on'))).length]
                    """, session: loaded.session) as? [Int]
            #expect(foreign == [name == "hostile.html" ? 1 : 0, 0, 0, 0], "\(name)")
        }

        let large = SyntheticFleet.large(try SyntheticFleet.populated(), scale: 20_000) { i in
            "esx\(i).cluster-\(i % 400).dc\(i % 7).example.com com.vmware.vcIntegrity.lifecycle.StageTask.Error\(i)"
        }
        let loaded = try BrowserTests.load(
            try Fixture.render(large).page, named: "large.html", in: browser, directory: dir)
        #expect(loaded.problems.isEmpty, "\(loaded.problems)")
        let ms =
            try browser.evaluate("performance.getEntriesByType('navigation')[0].loadEventEnd", session: loaded.session)
            as? Double
        print("large page: load event after \(ms ?? -1) ms")
        #expect(
            (ms ?? .infinity) < 3_000,
            "the page should be ready in well under a second; 3 s allows for a loaded CI machine")
    }

    /// The checks above are only worth something if the harness sees what they must catch:
    /// a console error, a script refused by the policy, and a request leaving the file.
    @Test func harnessCatchesErrorsBlockedScriptsAndRequests() throws {
        let browser = try Chromium(executable: try ExternalTool.chromium.require())
        defer { browser.shutDown() }
        let scratch = try TemporaryDirectory("browser")
        let dir = scratch.url
        let blocked = """
            <!DOCTYPE html><meta http-equiv="Content-Security-Policy" \
            content="default-src 'none'; script-src 'sha256-AAAA'">
            <script>document.title = 'ran';</script><p>x</p>
            """
        let noisy = """
            <!DOCTYPE html><p>x</p><script>console.error('boom');</script><img src="https://example.invalid/x.png">
            """
        let first = try BrowserTests.load(blocked, named: "blocked.html", in: browser, directory: dir)
        #expect(first.problems.contains { $0.contains("Content Security Policy") }, "\(first.problems)")
        let second = try BrowserTests.load(noisy, named: "noisy.html", in: browser, directory: dir)
        #expect(second.problems.contains { $0.hasPrefix("console.error") }, "\(second.problems)")
        #expect(second.problems.contains { $0 == "request for https://example.invalid/x.png" }, "\(second.problems)")
    }

    /// A real mouse click at the centre of an element (or of a table's filter box).
    private func click(_ selector: String, filter: Bool = false, in browser: Chromium, session: String) throws {
        let target =
            filter
            ? "document.querySelector('\(selector)').closest('.scroll').previousElementSibling.querySelector('input')"
            : "document.querySelector('\(selector)')"
        let point = try #require(
            try browser.evaluate(
                """
                (() => { const e = \(target); e.scrollIntoView({block: 'center'}); const r = e.getBoundingClientRect();
                         return [r.left + r.width / 2, r.top + r.height / 2]; })()
                """, session: session) as? [Double])
        for type in ["mousePressed", "mouseReleased"] {
            try browser.send(
                "Input.dispatchMouseEvent",
                ["type": type, "x": point[0], "y": point[1], "button": "left", "clickCount": 1], session: session)
        }
    }
}
