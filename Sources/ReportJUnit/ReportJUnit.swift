/// JUnit XML renderer (libxml2). Being written: see issue 3.
enum ReportJUnitNamespace {}
