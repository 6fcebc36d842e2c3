/// Markdown renderer. Being written: see issue 5.
enum ReportMarkdownNamespace {}
