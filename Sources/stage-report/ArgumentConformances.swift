import ArgumentParser
import ReportJUnit
import StageSample

// Options whose values are a library's own enums are parsed straight into them.
extension JUnitSplit: ExpressibleByArgument {}
extension SampleLayout: ExpressibleByArgument {}
