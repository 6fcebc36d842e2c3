/// HTML renderer (Mustache). Being written: see issue 4.
enum ReportHTMLNamespace {}
