import IAMPolicy

extension Authorizer {
    /// `what-can PRINCIPAL [ACTION-PATTERN] [--resource PATTERN] [--service NAME]`.
    public func whatCan(principalArn: String, actionPattern: String? = nil, resourcePattern: String? = nil,
                        service: String? = nil, context: RequestContext = RequestContext()) -> [WhatCanRow] {
        []
    }
}
