import Testing
@testable import IAMPolicy

/// Layered contexts (`overlaying`) must answer exactly as the merged copy would: the top's present
/// and absent keys win, the others come from below, multi-valued keys are the union.
@Suite("Request context layering")
struct RequestContextLayeringTests {
    static func base() -> RequestContext {
        var c = RequestContext()
        c.set("aws:PrincipalArn", "arn:aws:iam::111122223333:user/alice")
        c.set("aws:username", "alice")
        c.set("aws:PrincipalOrgPaths", ["o-a1b2c3d4e5/r-ab12/"], multiValued: true)
        c.markAbsent("aws:PrincipalTag/team")
        c.set("aws:SourceIp", "10.0.0.1")
        return c
    }

    static func top() -> RequestContext {
        var c = RequestContext()
        c.set("aws:SourceIp", "203.0.113.9")        // overrides the base's value
        c.markAbsent("aws:username")                // hides the base's value
        c.set("aws:PrincipalTag/team", "red")       // reveals a key the base marks absent
        c.add("aws:TagKeys", "a"); c.add("aws:TagKeys", "b")
        return c
    }

    @Test("a layered context answers every key as the merged copy does")
    func layeredEqualsMerged() {
        let layered = Self.top().overlaying(Self.base())
        let merged = Self.base().merging(Self.top())
        for key in ["aws:SourceIp", "aws:username", "AWS:PrincipalTag/Team", "aws:PrincipalArn",
                    "aws:PrincipalOrgPaths", "aws:TagKeys", "aws:CurrentTime"] {
            #expect(layered.lookup(key) == merged.lookup(key), "\(key)")
            #expect(layered.isMultiValued(key) == merged.isMultiValued(key), "\(key)")
        }
        #expect(layered.lookup("aws:SourceIp") == .present(["203.0.113.9"]))
        #expect(layered.lookup("aws:username") == .absent)
        #expect(layered.lookup("aws:CurrentTime") == .unknown)
        #expect(layered == merged)
        #expect(layered.values == merged.values && layered.absent == merged.absent)
    }

    @Test("three layers: the user's overrides over the request's keys over the principal's")
    func threeLayers() {
        var request = RequestContext(); request.set("aws:SourceIp", "198.51.100.1"); request.set("aws:ResourceAccount", "444455556666")
        var user = RequestContext(); user.set("aws:username", "mallory")
        let shared = request.merging(user)
        let m = shared.overlaying(Self.base())
        #expect(m.lookup("aws:username") == .present(["mallory"]))
        #expect(m.lookup("aws:SourceIp") == .present(["198.51.100.1"]))
        #expect(m.lookup("aws:ResourceAccount") == .present(["444455556666"]))
        #expect(m.lookup("aws:PrincipalTag/team") == .absent)
        #expect(m == Self.base().merging(request).merging(user))
    }

    @Test("changing a layered context changes the whole of it, not only the top")
    func mutationFlattens() {
        var m = Self.top().overlaying(Self.base())
        m.remove("aws:PrincipalArn")
        #expect(m.lookup("aws:PrincipalArn") == .unknown)
        m.set("aws:username", "bob")
        #expect(m.lookup("aws:username") == .present(["bob"]))
        #expect(m.lookup("aws:PrincipalOrgPaths") == .present(["o-a1b2c3d4e5/r-ab12/"]))
    }

    @Test("policy variables read a multi-valued key from below as having no value")
    func variablesSeeLowerMultiValued() {
        let m = RequestContext().overlaying(Self.base())
        var top = RequestContext(); top.set("aws:SourceIp", "1.2.3.4")
        let layered = top.overlaying(Self.base())
        #expect(PolicyVariables.value(of: "aws:PrincipalOrgPaths", in: layered) == .missing)
        #expect(PolicyVariables.value(of: "aws:username", in: layered) == .value("alice"))
        #expect(m == Self.base())
    }
}
