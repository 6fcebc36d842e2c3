import Testing

/// The checker must catch each way Markdown can break, or its silence would prove nothing.
@Suite
struct GFMCheckTests {
    static let header = "## v\n\n| Reason | Outcomes | Hosts | Sample message |\n|:---|---:|---:|:---|\n"

    @Test func acceptsCleanMarkdown() throws {
        let md =
            Self.header + "| a | 1 | 1 | b \\| c \\<script x |\n\n<details>\n<summary>2 more reasons</summary>\n\n"
            + "| Reason | Outcomes | Hosts | Sample message |\n|:---|---:|---:|:---|\n| x | 1 | 1 | y |\n\n</details>\n"
        #expect(try GFMCheck.problems(in: md).isEmpty)
    }

    @Test(arguments: [
        "| a | 1 | 1 | b | c |\n", // a data pipe adds a cell (GFM drops it silently)
        "| a | 1 | 1 |\n", // a cell goes missing
        "| a | 1 | 1 | <script>x</script> |\n", // raw HTML
        "| a | 1 | 1 | ![i](https://e.x/i.png) |\n", // image
        "| a | 1 | 1 | [l](https://e.x) |\n", // link
        "| a | 1 | 1 | www.evil.com |\n", // autolink
        "| a | 1 | 1 | x@evil.com |\n", // e-mail autolink
        "| a | 1 | 1 | ~~s~~ *e* `c` |\n", // markup from data
        "\n# heading\n", // heading
        "\n<details>\n<summary>1 more reasons</summary>\n", // unclosed <details>
        "\n</details>\n" // stray </details>
    ])
    func catchesBreakage(_ tail: String) throws {
        #expect(try !GFMCheck.problems(in: Self.header + tail).isEmpty, "not caught: \(tail)")
    }

    @Test func allowsOnlyTheGivenLink() throws {
        let md = "## v\n\n[Full HTML report](https://ci.example.com/r)\n"
        #expect(try GFMCheck.problems(in: md, href: "https://ci.example.com/r").isEmpty)
        #expect(try !GFMCheck.problems(in: md).isEmpty)
        #expect(try !GFMCheck.problems(in: md, href: "https://other.example.com").isEmpty)
    }
}
