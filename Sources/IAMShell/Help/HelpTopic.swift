/// An audit concept `.help TOPIC` explains, with the commands and queries that answer its
/// questions on the loaded data.
public struct HelpTopic: Sendable {
    public struct Answer: Sendable {
        public var question: String
        /// SQL or a shell command, runnable as printed.
        public var command: String
        /// The domain command this answer uses; the answer is shown only once that command exists.
        public var requires: String?
        public init(_ question: String, _ command: String, requires: String? = nil) {
            self.question = question; self.command = command; self.requires = requires
        }
    }

    public var name: String
    public var summary: String
    public var explanation: String
    public var answers: [Answer]
}
