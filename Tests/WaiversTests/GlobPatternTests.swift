import Testing
import Waivers

/// The glob syntax: `*`, `?`, sets with ranges and negation, escapes; whole-value, case-sensitive.
@Suite("GlobPattern")
struct GlobPatternTests {
    static func matches(_ pattern: String, _ value: String) throws -> Bool {
        try GlobPattern(pattern).matches(value)
    }

    @Test func valuesWithoutGlobCharactersAreExact() throws {
        let p = try GlobPattern("domain-c8")
        #expect(!p.isGlob)
        #expect(p.literal == "domain-c8")
        #expect(p.matches("domain-c8"))
        #expect(!p.matches("domain-c80"))
        #expect(!p.matches("xdomain-c8"))
        #expect(!p.matches("Domain-c8"))
        // Dots, dashes and slashes are ordinary characters.
        #expect(try Self.matches("vc01.example.com", "vc01.example.com"))
        #expect(try !Self.matches("vc01.example.com", "vc01xexample.com"))
    }

    @Test func star() throws {
        #expect(try Self.matches("esx-*", "esx-"))
        #expect(try Self.matches("esx-*", "esx-01.dc0.example.com"))
        #expect(try !Self.matches("esx-*", "host-12"))
        #expect(try Self.matches("*.InsufficientSpace", "com.vmware.StageTask.Host.InsufficientSpace"))
        #expect(try !Self.matches("*.InsufficientSpace", "com.vmware.StageTask.Host.InsufficientSpaceX"))
        #expect(try Self.matches("*", ""))
        #expect(try Self.matches("a*b*c", "abc"))
        #expect(try Self.matches("a*b*c", "aXbYbZc"))
        #expect(try !Self.matches("a*b*c", "aXbYcZ"))
        #expect(try Self.matches("a**c", "abbbc"))
        #expect(try Self.matches("*a*a*a*a*b", "aaaaaaaaaaaaaaaaaaaaaaaaab"))
        #expect(try !Self.matches("*a*a*a*a*b", "aaaaaaaaaaaaaaaaaaaaaaaaaa"))
    }

    /// The literal head and tail a value must start and end with, checked on UTF-8 bytes
    /// before the pattern runs.
    @Test func literalHeadAndTail() throws {
        #expect(try Self.matches("*ürich", "esx-zürich"))
        #expect(try !Self.matches("*ürich", "esx-zurich"))
        #expect(try Self.matches("ü*ü", "üü"))
        #expect(try Self.matches("ü*ü", "üxü"))
        #expect(try !Self.matches("ü*ü", "ü"))
        #expect(try !Self.matches("ab*ba", "aba"))
        #expect(try Self.matches("ab*ba", "abba"))
        #expect(try Self.matches("esx-?.dc0", "esx-ü.dc0"))
        #expect(try !Self.matches("esx-?.dc0", "esx-01.dc0"))
        #expect(try Self.matches("[ab]x*y[cd]", "axyc"))
        #expect(try !Self.matches("[ab]x*y[cd]", "axy"))
    }

    @Test func questionMarkIsOneCharacter() throws {
        #expect(try Self.matches("esx-0?", "esx-01"))
        #expect(try !Self.matches("esx-0?", "esx-0"))
        #expect(try !Self.matches("esx-0?", "esx-012"))
        // One character is one Unicode scalar, not one byte.
        #expect(try Self.matches("esx-z?rich", "esx-zürich"))
    }

    @Test func sets() throws {
        #expect(try Self.matches("esx-0[1-4].*", "esx-03.dc0"))
        #expect(try !Self.matches("esx-0[1-4].*", "esx-05.dc0"))
        #expect(try Self.matches("[abc]", "b"))
        #expect(try !Self.matches("[abc]", "d"))
        #expect(try Self.matches("[!abc]", "d"))
        #expect(try !Self.matches("[!abc]", "a"))
        #expect(try Self.matches("[^0-9]x", "ax"))
        #expect(try !Self.matches("[^0-9]x", "5x"))
        #expect(try Self.matches("[]]", "]"))
        #expect(try Self.matches("[!]]", "a"))
        #expect(try Self.matches("[a-]", "-"))
        #expect(try Self.matches("[*?]", "*"))
        #expect(try !Self.matches("[*?]", "x"))
        #expect(try Self.matches("[\\]]", "]"))
        #expect(try Self.matches("[ü]", "ü"))
        #expect(try Self.matches("c[0-9][0-9]", "c07"))
    }

    @Test func backslashEscapes() throws {
        let p = try GlobPattern("witness-\\*")
        #expect(!p.isGlob)
        #expect(p.matches("witness-*"))
        #expect(!p.matches("witness-01"))
        #expect(try Self.matches("a\\?b", "a?b"))
        #expect(try !Self.matches("a\\?b", "axb"))
        #expect(try Self.matches("a\\\\b", "a\\b"))
        #expect(try Self.matches("a\\[1]*", "a[1]x"))
    }

    @Test func caseSensitive() throws {
        #expect(try !Self.matches("ESX-*", "esx-01"))
        #expect(try Self.matches("[Ee]sx-*", "Esx-01"))
    }

    @Test func badPatterns() {
        #expect(throws: GlobSyntaxError.unterminatedSet(position: 5)) { try GlobPattern("esx-[0-4") }
        #expect(throws: GlobSyntaxError.unterminatedSet(position: 1)) { try GlobPattern("[]") }
        #expect(throws: GlobSyntaxError.unterminatedSet(position: 1)) { try GlobPattern("[a\\") }
        #expect(throws: GlobSyntaxError.reversedRange("9-0")) { try GlobPattern("[9-0]") }
        #expect(throws: GlobSyntaxError.trailingBackslash) { try GlobPattern("esx\\") }
    }

    @Test func equalityIsBySource() throws {
        #expect(try GlobPattern("a*") == GlobPattern("a*"))
        #expect(try GlobPattern("a*") != GlobPattern("a**"))
        #expect(try GlobPattern("a*").description == "a*")
    }
}
