import Testing

@Test func IAMStoreTestsBuilds() { #expect(Bool(true)) }
