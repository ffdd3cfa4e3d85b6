import Testing

@Test func IAMAnalysisTestsBuilds() { #expect(Bool(true)) }
