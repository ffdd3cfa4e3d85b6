import Testing

@Test func IAMShellTestsBuilds() { #expect(Bool(true)) }
