import Testing
@testable import IAMPolicy

/// One condition clause against one request context. Context entries: `key=value` sets a
/// single-valued key, `key=[a,b]` a multi-valued one (`key=[]` an empty set), `key=-` marks the key
/// absent; keys not listed are unknown.
struct ConditionCase: CustomTestStringConvertible, Sendable {
    let op: String
    let key: String
    let values: [String]
    let context: [String]
    let expected: Tri
    let rule: String

    init(_ op: String, _ key: String, _ values: [String], _ context: [String], _ expected: Tri, _ rule: String) {
        self.op = op; self.key = key; self.values = values; self.context = context; self.expected = expected; self.rule = rule
    }

    var testDescription: String { "\(op) \(key) \(values) | \(context.joined(separator: " ")) → \(expected) — \(rule)" }

    var clause: ConditionClause { ConditionClause(operatorName: op, key: key, values: values) }

    var requestContext: RequestContext {
        var c = RequestContext()
        for entry in context {
            guard let eq = entry.firstIndex(of: "=") else { continue }
            let k = String(entry[..<eq]), v = String(entry[entry.index(after: eq)...])
            if v == "-" { c.markAbsent(k) }
            else if v.hasPrefix("["), v.hasSuffix("]") {
                let inner = v.dropFirst().dropLast()
                c.set(k, inner.isEmpty ? [] : inner.split(separator: ",").map(String.init), multiValued: true)
            } else { c.set(k, v) }
        }
        return c
    }
}

@Suite("Condition operators")
struct ConditionOperatorTests {
    static let string: [ConditionCase] = [
        .init("StringEquals", "aws:username", ["alice"], ["aws:username=alice"], .yes, "StringEquals: exact match"),
        .init("StringEquals", "aws:username", ["alice"], ["aws:username=Alice"], .no, "StringEquals is case-sensitive"),
        .init("StringEquals", "aws:username", ["bob", "alice"], ["aws:username=alice"], .yes, "several values are ORed"),
        .init("StringEquals", "aws:username", ["ali*"], ["aws:username=alice"], .no, "StringEquals takes no wildcards"),
        .init("StringEquals", "AWS:UserName", ["alice"], ["aws:username=alice"], .yes, "condition key names are case-insensitive"),
        .init("StringEquals", "aws:username", ["alice"], ["aws:username=-"], .no, "absent key ⇒ false"),
        .init("StringNotEquals", "aws:username", ["alice"], ["aws:username=bob"], .yes, "StringNotEquals: differs"),
        .init("StringNotEquals", "aws:username", ["alice"], ["aws:username=alice"], .no, "StringNotEquals: equal ⇒ false"),
        .init("StringNotEquals", "aws:username", ["alice", "bob"], ["aws:username=bob"], .no, "negated operator: values are NORed"),
        .init("StringNotEquals", "aws:username", ["alice", "bob"], ["aws:username=carol"], .yes, "negated operator: matches none ⇒ true"),
        .init("StringNotEquals", "aws:username", ["alice"], ["aws:username=-"], .yes, "negated operator with absent key ⇒ true"),
        .init("StringEqualsIgnoreCase", "aws:username", ["ALICE"], ["aws:username=alice"], .yes, "StringEqualsIgnoreCase ignores case"),
        .init("StringEqualsIgnoreCase", "aws:username", ["ÉMILE"], ["aws:username=émile"], .yes, "StringEqualsIgnoreCase ignores case beyond ASCII"),
        .init("StringNotEqualsIgnoreCase", "aws:username", ["ALICE"], ["aws:username=alice"], .no, "StringNotEqualsIgnoreCase: same ignoring case ⇒ false"),
        .init("StringNotEqualsIgnoreCase", "aws:username", ["ALICE"], ["aws:username=bob"], .yes, "StringNotEqualsIgnoreCase: differs"),
        .init("StringLike", "s3:prefix", ["home/*"], ["s3:prefix=home/alice/x"], .yes, "StringLike: * matches any run"),
        .init("StringLike", "s3:prefix", ["home/?"], ["s3:prefix=home/ab"], .no, "StringLike: ? matches exactly one character"),
        .init("StringLike", "s3:prefix", ["Home/*"], ["s3:prefix=home/x"], .no, "StringLike is case-sensitive"),
        .init("StringLike", "s3:prefix", ["*"], ["s3:prefix=-"], .no, "StringLike * still needs the key"),
        .init("StringNotLike", "s3:prefix", ["home/*", "public/*"], ["s3:prefix=public/x"], .no, "StringNotLike NOR over values"),
        .init("StringNotLike", "s3:prefix", ["home/*"], ["s3:prefix=-"], .yes,
              "StringNotLike with absent key ⇒ true (PMapper #5 returned false)"),
        .init("StringLike", "aws:PrincipalTag/cost-center", ["12+3"], ["aws:PrincipalTag/cost-center=12+3"], .yes, "+ is literal in StringLike"),
    ]

    static let numeric: [ConditionCase] = [
        .init("NumericEquals", "s3:max-keys", ["10"], ["s3:max-keys=10"], .yes, "NumericEquals"),
        .init("NumericEquals", "s3:max-keys", ["10"], ["s3:max-keys=10.0"], .yes, "numbers compare by value, not text"),
        .init("NumericNotEquals", "s3:max-keys", ["10", "20"], ["s3:max-keys=20"], .no, "NumericNotEquals NOR"),
        .init("NumericNotEquals", "s3:max-keys", ["10"], ["s3:max-keys=-"], .yes, "NumericNotEquals with absent key ⇒ true"),
        .init("NumericLessThan", "s3:max-keys", ["10"], ["s3:max-keys=9"], .yes, "NumericLessThan"),
        .init("NumericLessThan", "s3:max-keys", ["10"], ["s3:max-keys=10"], .no, "NumericLessThan is strict"),
        .init("NumericLessThanEquals", "s3:max-keys", ["10"], ["s3:max-keys=10"], .yes, "NumericLessThanEquals"),
        .init("NumericGreaterThan", "s3:max-keys", ["10"], ["s3:max-keys=10.5"], .yes, "NumericGreaterThan with a decimal"),
        .init("NumericGreaterThanEquals", "s3:max-keys", ["-1"], ["s3:max-keys=-1"], .yes, "NumericGreaterThanEquals with a negative"),
        .init("NumericGreaterThan", "s3:max-keys", ["10"], ["s3:max-keys=-"], .no, "Numeric with absent key ⇒ false"),
        .init("NumericLessThan", "s3:max-keys", ["ten"], ["s3:max-keys=9"], .unknown, "a policy value that is not a number cannot be decided"),
        .init("NumericLessThan", "s3:max-keys", ["10"], ["s3:max-keys=nan"], .unknown, "a request value that is not a number cannot be decided"),
        .init("NumericLessThanIfExists", "s3:max-keys", ["10"], ["s3:max-keys=5"], .yes,
              "Numeric…IfExists with the key present compares (PMapper #7/#18 returned false)"),
        .init("NumericLessThanIfExists", "s3:max-keys", ["10"], ["s3:max-keys=50"], .no, "Numeric…IfExists present and out of range ⇒ false"),
        .init("NumericLessThanIfExists", "s3:max-keys", ["10"], ["s3:max-keys=-"], .yes, "Numeric…IfExists absent ⇒ true"),
    ]

    static let date: [ConditionCase] = [
        .init("DateGreaterThan", "aws:CurrentTime", ["2026-01-01T00:00:00Z"], ["aws:CurrentTime=2026-06-01T12:00:00Z"], .yes, "DateGreaterThan with ISO 8601"),
        .init("DateLessThan", "aws:CurrentTime", ["2026-01-01T00:00:00Z"], ["aws:CurrentTime=2026-06-01T12:00:00Z"], .no, "DateLessThan"),
        .init("DateLessThan", "aws:CurrentTime", ["2026-01-01"], ["aws:CurrentTime=2025-12-31T23:59:59Z"], .yes, "a date alone is midnight UTC"),
        .init("DateEquals", "aws:CurrentTime", ["1767225600"], ["aws:CurrentTime=2026-01-01T00:00:00Z"], .yes, "epoch seconds equal the ISO instant"),
        .init("DateEquals", "aws:CurrentTime", ["2026-01-01T01:00:00+01:00"], ["aws:CurrentTime=2026-01-01T00:00:00Z"], .yes, "time-zone offsets are applied"),
        .init("DateNotEquals", "aws:CurrentTime", ["2026-01-01T00:00:00Z"], ["aws:CurrentTime=2026-01-02T00:00:00Z"], .yes, "DateNotEquals"),
        .init("DateLessThanEquals", "aws:TokenIssueTime", ["2026-01-01T00:00:00Z"], ["aws:TokenIssueTime=2026-01-01T00:00:00Z"], .yes, "DateLessThanEquals"),
        .init("DateGreaterThanEquals", "aws:TokenIssueTime", ["2026-01-01T00:00:00Z"], ["aws:TokenIssueTime=-"], .no,
              "aws:TokenIssueTime is absent for long-term credentials ⇒ false"),
        .init("DateGreaterThanIfExists", "aws:CurrentTime", ["2026-01-01T00:00:00Z"], ["aws:CurrentTime=2025-01-01T00:00:00Z"], .no,
              "Date…IfExists with the key present compares (PMapper #18)"),
        .init("DateLessThan", "aws:CurrentTime", ["next tuesday"], ["aws:CurrentTime=2026-01-01T00:00:00Z"], .unknown, "a value that is not a date cannot be decided"),
    ]

    static let bool: [ConditionCase] = [
        .init("Bool", "aws:SecureTransport", ["true"], ["aws:SecureTransport=true"], .yes, "Bool true (JSON true arrives as \"true\"; PMapper #6)"),
        .init("Bool", "aws:SecureTransport", ["false"], ["aws:SecureTransport=true"], .no, "Bool false vs true"),
        .init("Bool", "aws:SecureTransport", ["True"], ["aws:SecureTransport=true"], .yes, "Bool values ignore case"),
        .init("Bool", "aws:MultiFactorAuthPresent", ["false"], ["aws:MultiFactorAuthPresent=-"], .no,
              "Bool false does not match an absent key (use BoolIfExists or Null)"),
        .init("BoolIfExists", "aws:MultiFactorAuthPresent", ["false"], ["aws:MultiFactorAuthPresent=-"], .yes, "BoolIfExists with absent key ⇒ true"),
        .init("BoolIfExists", "aws:MultiFactorAuthPresent", ["false"], ["aws:MultiFactorAuthPresent=true"], .no, "BoolIfExists present compares"),
    ]

    static let binary: [ConditionCase] = [
        .init("BinaryEquals", "key", ["QmluYXJ5VmFsdWU="], ["key=QmluYXJ5VmFsdWU="], .yes, "BinaryEquals compares the decoded bytes"),
        .init("BinaryEquals", "key", ["QmluYXJ5VmFsdWU="], ["key=QmluYXJ5VmFsdWF="], .no, "BinaryEquals different bytes"),
        .init("BinaryEquals", "key", ["not base64!"], ["key=QQ=="], .unknown, "a value that is not base-64 cannot be decided"),
    ]

    static let ip: [ConditionCase] = [
        .init("IpAddress", "aws:SourceIp", ["203.0.113.0/24"], ["aws:SourceIp=203.0.113.7"], .yes, "IpAddress IPv4 CIDR"),
        .init("IpAddress", "aws:SourceIp", ["203.0.113.0/24"], ["aws:SourceIp=203.0.114.7"], .no, "outside the block"),
        .init("IpAddress", "aws:SourceIp", ["203.0.113.7"], ["aws:SourceIp=203.0.113.7"], .yes, "a bare IPv4 address is a /32"),
        .init("IpAddress", "aws:SourceIp", ["203.0.113.7"], ["aws:SourceIp=203.0.113.8"], .no, "a /32 holds one address"),
        .init("IpAddress", "aws:SourceIp", ["0.0.0.0/0"], ["aws:SourceIp=198.51.100.1"], .yes, "/0 holds every IPv4 address"),
        .init("IpAddress", "aws:SourceIp", ["2001:db8::/32"], ["aws:SourceIp=2001:db8:1234::1"], .yes, "IpAddress IPv6 CIDR"),
        .init("IpAddress", "aws:SourceIp", ["2001:db8::/32"], ["aws:SourceIp=2001:db9::1"], .no, "outside the IPv6 block"),
        .init("IpAddress", "aws:SourceIp", ["2001:DB8:0:0:0:0:0:1"], ["aws:SourceIp=2001:db8::1"], .yes, "bare IPv6 is a /128; hex case and :: ignored"),
        .init("IpAddress", "aws:SourceIp", ["2001:db8:a::/48"], ["aws:SourceIp=2001:db8:a:ffff:ffff:ffff:ffff:ffff"], .yes, "prefix across the 64-bit half"),
        .init("IpAddress", "aws:SourceIp", ["2001:db8::/127"], ["aws:SourceIp=2001:db8::2"], .no, "long IPv6 prefix"),
        .init("IpAddress", "aws:SourceIp", ["203.0.113.0/24"], ["aws:SourceIp=2001:db8::1"], .no, "IPv6 address vs IPv4 block"),
        .init("IpAddress", "aws:SourceIp", ["203.0.113.0/24"], ["aws:SourceIp=::ffff:203.0.113.9"], .yes, "IPv4-mapped IPv6 matches the IPv4 block"),
        .init("IpAddress", "aws:SourceIp", ["203.0.113.0/24"], ["aws:SourceIp=-"], .no,
              "aws:SourceIp absent (request through a VPC endpoint) ⇒ false"),
        .init("NotIpAddress", "aws:SourceIp", ["203.0.113.0/24", "2001:db8::/32"], ["aws:SourceIp=2001:db8::5"], .no, "NotIpAddress NOR over v4 and v6 blocks"),
        .init("NotIpAddress", "aws:SourceIp", ["203.0.113.0/24"], ["aws:SourceIp=198.51.100.1"], .yes, "NotIpAddress outside"),
        .init("NotIpAddress", "aws:SourceIp", ["203.0.113.0/24"], ["aws:SourceIp=-"], .yes, "NotIpAddress absent ⇒ true"),
        .init("IpAddressIfExists", "aws:SourceIp", ["203.0.113.0/24"], ["aws:SourceIp=203.0.113.1"], .yes,
              "IpAddressIfExists present and inside ⇒ true (PMapper #18 evaluated it as NotIpAddress)"),
        .init("IpAddressIfExists", "aws:SourceIp", ["203.0.113.0/24"], ["aws:SourceIp=198.51.100.1"], .no, "IpAddressIfExists present and outside ⇒ false"),
        .init("IpAddressIfExists", "aws:SourceIp", ["203.0.113.0/24"], ["aws:SourceIp=-"], .yes, "IpAddressIfExists absent ⇒ true"),
        .init("IpAddress", "aws:SourceIp", ["203.0.113.0/33"], ["aws:SourceIp=203.0.113.1"], .unknown, "an invalid block cannot be decided"),
        .init("IpAddress", "aws:SourceIp", ["203.0.113.0/24"], ["aws:SourceIp=vpce"], .unknown, "a request value that is no address cannot be decided"),
    ]

    static let arn: [ConditionCase] = [
        .init("ArnEquals", "aws:SourceArn", ["arn:aws:sns:us-east-1:111122223333:topic"], ["aws:SourceArn=arn:aws:sns:us-east-1:111122223333:topic"], .yes, "ArnEquals exact"),
        .init("ArnEquals", "aws:SourceArn", ["arn:aws:sns:*:111122223333:*"], ["aws:SourceArn=arn:aws:sns:eu-west-1:111122223333:t"], .yes,
              "ArnEquals takes wildcards like ArnLike"),
        .init("ArnLike", "aws:PrincipalArn", ["arn:aws:iam::*:role/admin-*"], ["aws:PrincipalArn=arn:aws:iam::111122223333:role/admin-ops"], .yes, "ArnLike per part"),
        .init("ArnLike", "aws:PrincipalArn", ["arn:aws:iam::*:role/Admin-*"], ["aws:PrincipalArn=arn:aws:iam::111122223333:role/admin-ops"], .no, "ArnLike is case-sensitive"),
        .init("ArnLike", "aws:SourceArn", ["arn:aws:s3:::bucket*"], ["aws:SourceArn=arn:aws:s3:us-east-1::bucket1"], .no,
              "each ARN part is matched separately: the region must be empty"),
        .init("StringLike", "aws:SourceArn", ["arn:aws:iam::*"], ["aws:SourceArn=arn:aws:iam::111:222:x"], .yes, "StringLike's * crosses colons"),
        .init("ArnLike", "aws:SourceArn", ["arn:aws:iam::*:x"], ["aws:SourceArn=arn:aws:iam::111:222:x"], .no,
              "ArnLike's * stays within the account part where StringLike's would not"),
        .init("ArnLike", "aws:SourceArn", ["arn:aws:iam::*:*"], ["aws:SourceArn=not-an-arn"], .no, "a value that is not an ARN does not match"),
        .init("ArnNotEquals", "aws:SourceArn", ["arn:aws:sns:*:111122223333:a", "arn:aws:sns:*:111122223333:b"],
              ["aws:SourceArn=arn:aws:sns:us-east-1:111122223333:b"], .no, "ArnNotEquals NOR"),
        .init("ArnNotLike", "aws:SourceArn", ["arn:aws:sns:*:111122223333:a"], ["aws:SourceArn=-"], .yes, "ArnNotLike with absent key ⇒ true"),
        .init("ArnLikeIfExists", "aws:SourceArn", ["arn:aws:sns:*:111122223333:a"], ["aws:SourceArn=-"], .yes, "ArnLikeIfExists absent ⇒ true"),
    ]

    static let null: [ConditionCase] = [
        .init("Null", "aws:TokenIssueTime", ["true"], ["aws:TokenIssueTime=-"], .yes, "Null true: key absent ⇒ true"),
        .init("Null", "aws:TokenIssueTime", ["true"], ["aws:TokenIssueTime=2026-01-01T00:00:00Z"], .no, "Null true: key present ⇒ false"),
        .init("Null", "aws:TokenIssueTime", ["false"], ["aws:TokenIssueTime=2026-01-01T00:00:00Z"], .yes, "Null false: key present ⇒ true"),
        .init("Null", "aws:TokenIssueTime", ["false"], ["aws:TokenIssueTime=-"], .no, "Null false: key absent ⇒ false"),
        .init("Null", "aws:TagKeys", ["true"], ["aws:TagKeys=[]"], .yes, "Null true: an empty set counts as no value"),
        .init("Null", "aws:TokenIssueTime", ["true"], [], .unknown, "Null on an unknown key is undecided"),
        .init("Null", "aws:TokenIssueTime", ["true", "false"], [], .yes, "Null with both values holds for every state, even an unknown key"),
        .init("NullIfExists", "aws:TokenIssueTime", ["true"], ["aws:TokenIssueTime=-"], .unknown, "Null has no IfExists form: unsupported ⇒ undecided"),
    ]

    static let sets: [ConditionCase] = [
        .init("ForAllValues:StringEquals", "aws:TagKeys", ["env", "team"], ["aws:TagKeys=[env,team]"], .yes, "ForAllValues: every request value is listed"),
        .init("ForAllValues:StringEquals", "aws:TagKeys", ["env", "team"], ["aws:TagKeys=[env,owner]"], .no, "ForAllValues: one request value not listed ⇒ false"),
        .init("ForAllValues:StringEquals", "aws:TagKeys", ["env"], ["aws:TagKeys=-"], .yes, "ForAllValues with absent key ⇒ true"),
        .init("ForAllValues:StringEquals", "aws:TagKeys", ["env"], ["aws:TagKeys=[]"], .yes, "ForAllValues with an empty set ⇒ true"),
        .init("ForAnyValue:StringEquals", "aws:TagKeys", ["env"], ["aws:TagKeys=[owner,env]"], .yes, "ForAnyValue: one request value listed"),
        .init("ForAnyValue:StringEquals", "aws:TagKeys", ["env"], ["aws:TagKeys=[owner]"], .no, "ForAnyValue: none listed ⇒ false"),
        .init("ForAnyValue:StringEquals", "aws:TagKeys", ["env"], ["aws:TagKeys=-"], .no, "ForAnyValue with absent key ⇒ false"),
        .init("ForAnyValue:StringEquals", "aws:TagKeys", ["env"], ["aws:TagKeys=[]"], .no, "ForAnyValue with an empty set ⇒ false"),
        .init("ForAllValues:StringLike", "aws:TagKeys", ["key1*"], ["aws:TagKeys=[key1a,key1b]"], .yes, "ForAllValues:StringLike"),
        .init("ForAllValues:StringNotEquals", "aws:TagKeys", ["DataClass", "Owner"], ["aws:TagKeys=[Dept,SIC]"], .yes,
              "ForAllValues with a negated operator: every request value matches none of the policy values"),
        .init("ForAllValues:StringNotEquals", "aws:TagKeys", ["DataClass", "Owner"], ["aws:TagKeys=[Dept,Owner]"], .no,
              "ForAllValues:StringNotEquals: one request value is listed ⇒ false"),
        .init("ForAnyValue:StringNotEquals", "aws:TagKeys", ["DataClass", "Owner"], ["aws:TagKeys=[Owner,Dept]"], .yes,
              "ForAnyValue with a negated operator: some request value matches none of the policy values"),
        .init("ForAnyValue:StringNotEquals", "aws:TagKeys", ["DataClass", "Owner"], ["aws:TagKeys=[Owner,DataClass]"], .no,
              "ForAnyValue:StringNotEquals: every request value is listed ⇒ false"),
        .init("ForAnyValue:StringNotLike", "aws:TagKeys", ["Owner:*"], ["aws:TagKeys=-"], .no, "ForAnyValue negated with absent key ⇒ false"),
        .init("ForAllValues:NumericLessThan", "custom:sizes", ["100"], ["custom:sizes=[1,50,99]"], .yes,
              "ForAllValues with a Numeric operator compares (PMapper #7 returned false)"),
        .init("ForAnyValue:NumericGreaterThan", "custom:sizes", ["100"], ["custom:sizes=[1,500]"], .yes, "ForAnyValue:NumericGreaterThan (PMapper #7)"),
        .init("ForAnyValue:IpAddress", "custom:ips", ["10.0.0.0/8"], ["custom:ips=[192.0.2.1,10.1.2.3]"], .yes, "ForAnyValue:IpAddress (PMapper #18)"),
        .init("ForAllValues:DateLessThan", "custom:dates", ["2026-01-01T00:00:00Z"], ["custom:dates=[2025-01-01T00:00:00Z,2025-06-01T00:00:00Z]"], .yes,
              "ForAllValues:DateLessThan (PMapper #18)"),
        .init("ForAnyValue:StringEqualsIfExists", "aws:TagKeys", ["env"], ["aws:TagKeys=-"], .yes, "IfExists on a set operator: absent ⇒ true"),
        .init("ForAllValues:ArnLike", "custom:arns", ["arn:aws:sns:*:111122223333:*"], ["custom:arns=[arn:aws:sns:us-east-1:111122223333:a]"], .yes, "ForAllValues:ArnLike"),
        .init("StringEquals", "aws:PrincipalOrgPaths", ["o-a1b2c3/r-ab12/ou-ab12-11111111/"], ["aws:PrincipalOrgPaths=[o-a1b2c3/r-ab12/,o-a1b2c3/r-ab12/ou-ab12-11111111/]"], .yes,
              "a plain operator over a multi-valued key matches when any request value matches"),
        .init("StringNotEquals", "aws:PrincipalOrgPaths", ["o-a1b2c3/r-ab12/"], ["aws:PrincipalOrgPaths=[o-a1b2c3/r-ab12/,o-x/]"], .no,
              "a plain negated operator over a multi-valued key holds only when no request value matches"),
    ]

    static let unknown: [ConditionCase] = [
        .init("StringEquals", "aws:PrincipalTag/team", ["blue"], [], .unknown, "unknown key ⇒ undecided"),
        .init("StringNotEquals", "aws:PrincipalTag/team", ["blue"], [], .unknown, "unknown key under a negated operator ⇒ undecided"),
        .init("StringLikeIfExists", "aws:PrincipalTag/team", ["*"], [], .yes, "unknown key but StringLikeIfExists * holds for every state"),
        .init("StringLike", "aws:PrincipalTag/team", ["*"], [], .unknown, "StringLike * still depends on whether the key exists"),
        .init("ForAllValues:StringLike", "aws:TagKeys", ["*"], [], .yes, "ForAllValues:StringLike * holds for every state"),
        .init("StringEquals", "aws:PrincipalTag/team", [], [], .no, "no policy values and an unknown key: false either way"),
        .init("StringEqualz", "aws:username", ["alice"], ["aws:username=alice"], .unknown, "an unknown operator is undecided, never allow or deny (PMapper #8)"),
        .init("stringequals", "aws:username", ["alice"], ["aws:username=alice"], .unknown,
              "operator names are matched as documented (case-sensitive); a lower-case spelling is unsupported ⇒ undecided"),
        .init("ForAllValue:StringEquals", "aws:TagKeys", ["env"], ["aws:TagKeys=[env]"], .unknown, "a misspelt set qualifier is unsupported ⇒ undecided"),
    ]

    static let variables: [ConditionCase] = [
        .init("StringEquals", "s3:prefix", ["home/${aws:username}"], ["s3:prefix=home/alice", "aws:username=alice"], .yes,
              "policy variables in String values (PMapper #16 did not substitute)"),
        .init("StringLike", "s3:prefix", ["home/${aws:username}/*"], ["s3:prefix=home/alice/docs", "aws:username=alice"], .yes, "variables in StringLike"),
        .init("StringLike", "s3:prefix", ["home/${aws:username}/*"], ["s3:prefix=home/bob/docs", "aws:username=alice"], .no, "variables in StringLike, other user"),
        .init("StringEquals", "aws:ResourceTag/owner", ["${aws:username}"], ["aws:ResourceTag/owner=alice", "aws:username=-"], .no,
              "a variable without value: positive operators do not match"),
        .init("StringNotEquals", "aws:ResourceTag/owner", ["${aws:username}"], ["aws:ResourceTag/owner=alice", "aws:username=-"], .yes,
              "a variable without value: negated operators match"),
        .init("StringEquals", "aws:ResourceTag/team", ["${aws:PrincipalTag/team, 'none'}"], ["aws:ResourceTag/team=none", "aws:PrincipalTag/team=-"], .yes,
              "a variable default applies when the key has no value"),
        .init("StringEquals", "aws:ResourceTag/owner", ["${aws:username}"], ["aws:ResourceTag/owner=alice"], .unknown, "a variable with an unknown key ⇒ undecided"),
        .init("StringLike", "aws:ResourceTag/owner", ["x-${aws:username}"], ["aws:ResourceTag/owner=alice"], .no,
              "an unknown variable cannot rescue a fixed part that fails"),
        .init("StringEquals", "s3:prefix", ["${*}"], ["s3:prefix=*"], .yes, "${*} is a literal * in StringEquals"),
        .init("StringLike", "s3:prefix", ["a${*}"], ["s3:prefix=abc"], .no, "${*} is a literal *, not a wildcard, in StringLike"),
        .init("StringLike", "s3:prefix", ["a${?}"], ["s3:prefix=a?"], .yes, "${?} is a literal ?"),
        .init("StringEquals", "s3:prefix", ["${$}{x}"], ["s3:prefix=${x}"], .yes, "${$} is a literal $"),
        .init("ArnLike", "aws:SourceArn", ["arn:aws:sns:*:${aws:PrincipalAccount}:*"], ["aws:SourceArn=arn:aws:sns:us-east-1:111122223333:t", "aws:PrincipalAccount=111122223333"], .yes,
              "variables in ARN operator values"),
        .init("ArnEquals", "aws:SourceArn", ["${aws:PrincipalArn}"], ["aws:SourceArn=arn:aws:iam::111122223333:role/app", "aws:PrincipalArn=arn:aws:iam::111122223333:role/app"], .yes,
              "a variable holding a whole ARN: its colons separate the ARN parts"),
        .init("ArnEquals", "aws:SourceArn", ["${aws:PrincipalArn}"], ["aws:SourceArn=arn:aws:iam::111122223333:role/app", "aws:PrincipalArn=arn:aws:iam::111122223333:role/other"], .no,
              "a variable holding a whole ARN: different ARN"),
        .init("ArnLike", "aws:SourceArn", ["${aws:PrincipalArn}"], ["aws:SourceArn=arn:aws:iam::111122223333:role/app"], .unknown,
              "a whole-ARN variable with an unknown key ⇒ undecided"),
        .init("ArnLike", "aws:SourceArn", ["arn:aws:sns:${aws:RequestedRegion}:111122223333:t"], ["aws:SourceArn=arn:aws:sqs:us-east-1:111122223333:t"], .unknown,
              "an unknown variable before the resource part cannot be aligned with the parts: undecided, never a wrong no"),
        .init("StringEqualsIgnoreCase", "aws:ResourceTag/owner", ["${aws:username}"], ["aws:ResourceTag/owner=ALICE", "aws:username=alice"], .yes,
              "variables in StringEqualsIgnoreCase"),
        .init("NumericEquals", "s3:max-keys", ["${aws:username}"], ["s3:max-keys=5", "aws:username=5"], .unknown,
              "no variables in Numeric values: the text is not a number"),
        .init("StringEquals", "s3:prefix", ["${aws:PrincipalTag/roles}"], ["s3:prefix=a", "aws:PrincipalTag/roles=[a,b]"], .no,
              "only single-valued keys can be variables"),
    ]

    @Test(arguments: string) func stringOperators(_ c: ConditionCase) { check(c) }
    @Test(arguments: numeric) func numericOperators(_ c: ConditionCase) { check(c) }
    @Test(arguments: date) func dateOperators(_ c: ConditionCase) { check(c) }
    @Test(arguments: bool) func boolOperator(_ c: ConditionCase) { check(c) }
    @Test(arguments: binary) func binaryOperator(_ c: ConditionCase) { check(c) }
    @Test(arguments: ip) func ipOperators(_ c: ConditionCase) { check(c) }
    @Test(arguments: arn) func arnOperators(_ c: ConditionCase) { check(c) }
    @Test(arguments: null) func nullOperator(_ c: ConditionCase) { check(c) }
    @Test(arguments: sets) func setOperators(_ c: ConditionCase) { check(c) }
    @Test(arguments: unknown) func unknownKeysAndOperators(_ c: ConditionCase) { check(c) }
    @Test(arguments: variables) func policyVariables(_ c: ConditionCase) { check(c) }

    func check(_ c: ConditionCase) {
        let result = ConditionEngine.evaluate(c.clause, context: c.requestContext)
        #expect(result == c.expected, "\(ConditionEngine.explain(c.clause, context: c.requestContext))")
    }

    @Test("IfExists is accepted on every operator family but Null")
    func ifExistsEverywhere() {
        for base in ConditionOperator.baseOperators.keys {
            let op = ConditionOperator.parse(base + "IfExists")
            #expect((op == nil) == (base == "Null"), "\(base)IfExists")
            #expect(op.map { CompiledClause.absentResult($0) } ?? .yes == .yes)
        }
    }

    @Test("variables are literal in 2008-10-17 documents")
    func variablesDisabled() {
        var c = RequestContext()
        c.set("s3:prefix", "home/alice"); c.set("aws:username", "alice")
        let clause = ConditionClause(operatorName: "StringEquals", key: "s3:prefix", values: ["home/${aws:username}"])
        #expect(ConditionEngine.evaluate(clause, context: c, variablesEnabled: false) == .no)
        c.set("s3:prefix", "home/${aws:username}")
        #expect(ConditionEngine.evaluate(clause, context: c, variablesEnabled: false) == .yes)
    }
}

/// The Condition block as a whole: AND across clauses, outcome details for the solver.
@Suite("Condition blocks")
struct ConditionBlockTests {
    func ctx(_ pairs: [String: String]) -> RequestContext { RequestContext(pairs) }

    @Test("no conditions ⇒ satisfied")
    func empty() {
        #expect(ConditionEngine.evaluate([], context: RequestContext()) == .satisfied)
    }

    @Test("clauses are ANDed: a false clause decides no and is reported as failed")
    func andOfClauses() {
        let clauses = [
            ConditionClause(operatorName: "StringEquals", key: "aws:username", values: ["alice"]),
            ConditionClause(operatorName: "IpAddress", key: "aws:SourceIp", values: ["10.0.0.0/8"]),
        ]
        let out = ConditionEngine.evaluate(clauses, context: ctx(["aws:username": "alice", "aws:SourceIp": "192.0.2.1"]))
        #expect(out.result == .no)
        #expect(out.failed == clauses[1])
        #expect(ConditionEngine.evaluate(clauses, context: ctx(["aws:username": "alice", "aws:SourceIp": "10.2.3.4"])).result == .yes)
    }

    @Test("a false clause wins over an undecided one")
    func falseBeatsUnknown() {
        let clauses = [
            ConditionClause(operatorName: "StringEquals", key: "aws:PrincipalTag/team", values: ["blue"]),
            ConditionClause(operatorName: "Bool", key: "aws:SecureTransport", values: ["true"]),
        ]
        let out = ConditionEngine.evaluate(clauses, context: ctx(["aws:SecureTransport": "false"]))
        #expect(out.result == .no)
        #expect(out.failed == clauses[1])
    }

    @Test("undecided clauses are listed for conditional answers")
    func undecidedListed() {
        let clauses = [
            ConditionClause(operatorName: "StringEquals", key: "aws:PrincipalTag/team", values: ["blue"]),
            ConditionClause(operatorName: "Bool", key: "aws:SecureTransport", values: ["true"]),
            ConditionClause(operatorName: "IpAddress", key: "aws:SourceIp", values: ["10.0.0.0/8"]),
        ]
        let out = ConditionEngine.evaluate(clauses, context: ctx(["aws:SecureTransport": "true"]))
        #expect(out.result == .unknown)
        #expect(out.undecided == [clauses[0], clauses[2]])
        #expect(out.failed == nil)
    }

    @Test("an unsupported operator is reported and undecided, never a silent allow or deny (PMapper #8)")
    func unsupportedReported() {
        let clauses = [
            ConditionClause(operatorName: "StringEqualsMaybe", key: "aws:username", values: ["alice"]),
            ConditionClause(operatorName: "StringEquals", key: "aws:username", values: ["alice"]),
        ]
        let out = ConditionEngine.evaluate(clauses, context: ctx(["aws:username": "alice"]))
        #expect(out.result == .unknown)
        #expect(out.unsupportedOperators == ["StringEqualsMaybe"])
        #expect(out.undecided == [clauses[0]])
        let failing = ConditionEngine.evaluate(clauses, context: ctx(["aws:username": "bob"]))
        #expect(failing.result == .no)
        #expect(failing.unsupportedOperators == ["StringEqualsMaybe"])
    }

    @Test("a Deny guard with a negated IfExists operator still applies when the key is missing")
    func denyGuardNegatedIfExists() {
        let clause = ConditionClause(operatorName: "StringNotEqualsIfExists", key: "aws:RequestedRegion", values: ["eu-west-1"])
        var c = RequestContext(); c.markAbsent("aws:RequestedRegion")
        #expect(ConditionEngine.evaluate([clause], context: c).result == .yes)
    }

    @Test("MFA guard: a Deny with BoolIfExists false catches missing MFA (long-term keys)")
    func mfaGuard() {
        let clause = ConditionClause(operatorName: "BoolIfExists", key: "aws:MultiFactorAuthPresent", values: ["false"])
        var c = RequestContext(); c.markAbsent("aws:MultiFactorAuthPresent")
        #expect(ConditionEngine.evaluate([clause], context: c).result == .yes)
        c.set("aws:MultiFactorAuthPresent", "true")
        #expect(ConditionEngine.evaluate([clause], context: c).result == .no)
    }

    @Test("values from the policy parser: JSON numbers and booleans arrive as text (PMapper #6)")
    func jsonScalarValues() throws {
        let doc = try PolicyParser.parse(text: """
        {"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:ListBucket","Resource":"*",
         "Condition":{"NumericLessThanEquals":{"s3:max-keys":10},"Bool":{"aws:SecureTransport":true}}}}
        """, kind: .identity)
        let clauses = doc.statements[0].conditions
        #expect(ConditionEngine.evaluate(clauses, context: ctx(["s3:max-keys": "10", "aws:SecureTransport": "true"])).result == .yes)
        #expect(ConditionEngine.evaluate(clauses, context: ctx(["s3:max-keys": "11", "aws:SecureTransport": "true"])).result == .no)
    }

    @Test("compiled conditions give the same outcome as one-shot evaluation")
    func compiledAgrees() {
        let clauses = [ConditionClause(operatorName: "StringLike", key: "s3:prefix", values: ["home/${aws:username}/*"])]
        let compiled = CompiledConditions(clauses)
        for user in ["alice", "bob"] {
            let c = ctx(["s3:prefix": "home/alice/x", "aws:username": user])
            #expect(compiled.evaluate(c) == ConditionEngine.evaluate(clauses, context: c))
        }
    }
}

/// Explanations for `--explain` traces.
@Suite("Condition explanations")
struct ConditionExplainTests {
    @Test("names the key's value and the verdict")
    func presentValue() {
        let clause = ConditionClause(operatorName: "StringEquals", key: "aws:username", values: ["alice"])
        let text = ConditionEngine.explain(clause, context: RequestContext(["aws:username": "bob"]))
        #expect(text.contains("aws:username is \"bob\""))
        #expect(text.hasSuffix("fails"))
    }

    @Test("says why an absent key passes a negated operator")
    func absentNegated() {
        let clause = ConditionClause(operatorName: "StringNotLike", key: "s3:prefix", values: ["home/*"])
        var c = RequestContext(); c.markAbsent("s3:prefix")
        let text = ConditionEngine.explain(clause, context: c)
        #expect(text.contains("absent"))
        #expect(text.contains("negated"))
        #expect(text.hasSuffix("holds"))
    }

    @Test("unknown keys and unsupported operators are called undecided")
    func undecided() {
        let unknownKey = ConditionClause(operatorName: "StringEquals", key: "aws:PrincipalTag/team", values: ["blue"])
        #expect(ConditionEngine.explain(unknownKey, context: RequestContext()).contains("not known"))
        let badOp = ConditionClause(operatorName: "stringEquals", key: "k", values: ["v"])
        let text = ConditionEngine.explain(badOp, context: RequestContext())
        #expect(text.contains("unsupported"))
        #expect(text.contains("did you mean \"StringEquals\""))
    }

    @Test("names an invalid policy value and a variable without value")
    func notes() {
        let clause = ConditionClause(operatorName: "NumericLessThan", key: "s3:max-keys", values: ["ten"])
        #expect(ConditionEngine.explain(clause, context: RequestContext(["s3:max-keys": "5"])).contains("\"ten\" is not a number"))
        let v = ConditionClause(operatorName: "StringEquals", key: "aws:ResourceTag/owner", values: ["${aws:username}"])
        var c = RequestContext(["aws:ResourceTag/owner": "alice"]); c.markAbsent("aws:username")
        #expect(ConditionEngine.explain(v, context: c).contains("${aws:username} has no value"))
    }
}
