import Testing
import IAMPolicy
@testable import IAMAnalysis
