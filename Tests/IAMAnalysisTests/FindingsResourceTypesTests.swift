import Foundation
import Testing
import IAMPolicy
@testable import IAMAnalysis

/// External access per resource type: KMS keys, IAM role trust policies, SQS, SNS, Lambda
/// functions and layers, Secrets Manager, ECR and generic resources.
@Suite("Findings: resource types")
struct FindingsResourceTypesTests {
    func stmt(_ principal: String, _ actions: String, _ resource: String = #""*""#, condition: String? = nil, effect: String = "Allow") -> String {
        var s = #"{"Effect":"\#(effect)","Principal":\#(principal),"Action":\#(actions),"Resource":\#(resource)"#
        if let c = condition { s += #","Condition":\#(c)"# }
        return s + "}"
    }

    // MARK: KMS

    @Test func kmsDefaultKeyPolicyIsNoFinding() {
        let f = FX.findings(FX.key, "kms:key", FX.doc(stmt(#"{"AWS":"arn:aws:iam::111122223333:root"}"#, #""kms:*""#)))
        #expect(f.isEmpty)
    }

    @Test func kmsExternalAccountIsCrossAccountWithAccessLevels() {
        let f = FX.findings(FX.key, "kms:key", FX.doc(stmt(#"{"AWS":"arn:aws:iam::444455556666:root"}"#, #"["kms:Decrypt","kms:DescribeKey"]"#)))
        #expect(f.count == 1)
        #expect(f.first?.resourceType == "AWS::KMS::Key")
        #expect(f.first?.actions == ["kms:Decrypt", "kms:DescribeKey"])
        #expect(f.first?.accessLevels == ["Read", "Write"])
        #expect(f.first?.isPublic == false)
    }

    @Test func kmsStarActionListsOnlyKeyActions() {
        let f = FX.findings(FX.key, "kms:key", FX.doc(stmt(#"{"AWS":"444455556666"}"#, #""kms:*""#)))
        #expect(f.first?.actions == ["kms:Decrypt", "kms:DescribeKey", "kms:Encrypt", "kms:PutKeyPolicy", "kms:TagResource"])
    }

    @Test func kmsCallerAccountOwnConfines_AAresources() {
        let c = #"{"StringEquals":{"kms:CallerAccount":"111122223333","kms:ViaService":"s3.us-east-1.amazonaws.com"}}"#
        #expect(FX.findings(FX.key, "kms:key", FX.doc(stmt(#"{"AWS":"*"}"#, #""kms:Decrypt""#, condition: c))).isEmpty)
    }

    @Test func kmsCallerAccountOtherIsAFinding_AAresources() {
        let c = #"{"StringEquals":{"kms:CallerAccount":"444455556666"}}"#
        let f = FX.findings(FX.key, "kms:key", FX.doc(stmt(#"{"AWS":"*"}"#, #""kms:Decrypt""#, condition: c)))
        #expect(f.first?.principal == FX.external)
    }

    @Test func kmsViaServiceNarrowsButStaysPublic() {
        let c = #"{"StringEquals":{"kms:ViaService":"s3.us-east-1.amazonaws.com"}}"#
        let f = FX.findings(FX.key, "kms:key", FX.doc(stmt(#"{"AWS":"*"}"#, #""kms:Decrypt""#, condition: c)))
        #expect(f.first?.isPublic == true)
        #expect(f.first?.conditions.first?.key == "kms:ViaService")
    }

    // MARK: IAM role trust policies

    @Test func trustOfExternalAccountIsAFinding() {
        let f = FX.trustFindings(FX.doc(#"{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::444455556666:root"},"Action":"sts:AssumeRole"}"#))
        #expect(f.count == 1)
        #expect(f.first?.resource == FX.role)
        #expect(f.first?.resourceType == "AWS::IAM::Role")
        #expect(f.first?.actions == ["sts:AssumeRole"])
    }

    @Test func trustExternalIdNarrowsButKeepsTheFinding() {
        let f = FX.trustFindings(FX.doc(#"{"Effect":"Allow","Principal":{"AWS":"444455556666"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"sts:ExternalId":"partner-7d1f"}}}"#))
        #expect(f.count == 1)
        #expect(f.first?.conditionMap["sts:ExternalId"] == "partner-7d1f")
    }

    @Test func trustOfEveryoneIsPublic() {
        let f = FX.trustFindings(FX.doc(#"{"Effect":"Allow","Principal":{"AWS":"*"},"Action":["sts:AssumeRole","sts:TagSession"]}"#))
        #expect(f.first?.isPublic == true)
        #expect(f.first?.actions == ["sts:AssumeRole", "sts:TagSession"])
    }

    @Test func trustOfEveryoneConfinedByPrincipalArnIsNoFinding() {
        let f = FX.trustFindings(FX.doc(#"{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"sts:AssumeRole","Condition":{"ArnLike":{"aws:PrincipalArn":"arn:aws:iam::111122223333:role/ci-*"}}}"#))
        #expect(f.isEmpty)
    }

    @Test func trustOfServiceIsNoFinding() {
        #expect(FX.trustFindings(FX.doc(#"{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}"#)).isEmpty)
    }

    @Test func trustOfSameAccountRoleIsNoFinding() {
        #expect(FX.trustFindings(FX.doc(#"{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:role/ci"},"Action":"sts:AssumeRole"}"#)).isEmpty)
    }

    @Test func trustOfGitHubWithoutSubjectIsPublic() {
        let p = #"{"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringEquals":{"token.actions.githubusercontent.com:aud":"sts.amazonaws.com"}}}"#
        let f = FX.trustFindings(FX.doc(p))
        #expect(f.count == 1)
        #expect(f.first?.principalType == "federated")
        #expect(f.first?.principalKey == "Federated")
        #expect(f.first?.isPublic == true)
    }

    @Test func trustOfGitHubWithSubjectIsNotPublic() {
        let p = #"{"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringEquals":{"token.actions.githubusercontent.com:aud":"sts.amazonaws.com","token.actions.githubusercontent.com:sub":"repo:example-org/app:ref:refs/heads/main"}}}"#
        let f = FX.trustFindings(FX.doc(p))
        #expect(f.first?.isPublic == false)
    }

    @Test func trustOfSamlProviderIsCrossAccountNotPublic() {
        let p = #"{"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::111122223333:saml-provider/corp-idp"},"Action":"sts:AssumeRoleWithSAML","Condition":{"StringEquals":{"SAML:aud":"https://signin.aws.amazon.com/saml"}}}"#
        let f = FX.trustFindings(FX.doc(p))
        #expect(f.count == 1)
        #expect(f.first?.isPublic == false)
        #expect(f.first?.actions == ["sts:AssumeRoleWithSAML"])
    }

    @Test func trustOfCognitoWithAudienceIsNotPublic() {
        let p = #"{"Effect":"Allow","Principal":{"Federated":"cognito-identity.amazonaws.com"},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringEquals":{"cognito-identity.amazonaws.com:aud":"us-east-1:12345678-1234-1234-1234-123456789012"}}}"#
        #expect(FX.trustFindings(FX.doc(p)).first?.isPublic == false)
    }

    // MARK: SQS

    @Test func sqsPublicSendMessage() {
        let f = FX.findings(FX.queue, "sqs:queue", FX.doc(stmt(#""*""#, #""sqs:SendMessage""#, #""arn:aws:sqs:us-east-1:111122223333:orders""#)))
        #expect(f.first?.isPublic == true)
        #expect(f.first?.resourceType == "AWS::SQS::Queue")
    }

    @Test func sqsSourceArnOfOwnTopicConfines() {
        let c = #"{"ArnEquals":{"aws:SourceArn":"arn:aws:sns:us-east-1:111122223333:alerts"}}"#
        #expect(FX.findings(FX.queue, "sqs:queue", FX.doc(stmt(#""*""#, #""sqs:SendMessage""#, condition: c))).isEmpty)
    }

    @Test func sqsSourceArnOfExternalTopicIsCrossAccount() {
        let c = #"{"ArnEquals":{"aws:SourceArn":"arn:aws:sns:us-east-1:444455556666:feed"}}"#
        let f = FX.findings(FX.queue, "sqs:queue", FX.doc(stmt(#""*""#, #""sqs:SendMessage""#, condition: c)))
        #expect(f.first?.principal == FX.external)
        #expect(f.first?.isPublic == false)
    }

    // MARK: SNS

    @Test func snsDefaultTopicPolicyIsNotPublic_awsCliFormats() {
        let p = #"{"Version":"2008-10-17","Id":"__default_policy_ID","Statement":[{"Sid":"__default_statement_ID","Effect":"Allow","Principal":{"AWS":"*"},"Action":["SNS:GetTopicAttributes","SNS:SetTopicAttributes","SNS:AddPermission","SNS:RemovePermission","SNS:DeleteTopic","SNS:Subscribe","SNS:ListSubscriptionsByTopic","SNS:Publish"],"Resource":"arn:aws:sns:us-east-1:111122223333:alerts","Condition":{"StringEquals":{"AWS:SourceOwner":"111122223333"}}}]}"#
        #expect(FX.findings(FX.topic, "sns:topic", p).isEmpty)
    }

    @Test func snsPublicPublishIsPublic() {
        let f = FX.findings(FX.topic, "sns:topic", FX.doc(stmt(#"{"AWS":"*"}"#, #""SNS:Publish""#, #""arn:aws:sns:us-east-1:111122223333:alerts""#)))
        #expect(f.first?.isPublic == true)
        #expect(f.first?.actions == ["sns:Publish"])
    }

    @Test func snsCrossAccountSubscribe() {
        let f = FX.findings(FX.topic, "sns:topic", FX.doc(stmt(#"{"AWS":"arn:aws:iam::444455556666:root"}"#, #""sns:Subscribe""#)))
        #expect(f.first?.principal == FX.external)
        #expect(f.first?.resourceType == "AWS::SNS::Topic")
    }

    // MARK: Lambda

    @Test func lambdaFunctionUrlWithoutAuthIsPublic() {
        let c = #"{"StringEquals":{"lambda:FunctionUrlAuthType":"NONE"}}"#
        let f = FX.findings(FX.function, "lambda:function", FX.doc(stmt(#""*""#, #""lambda:InvokeFunctionUrl""#, #""arn:aws:lambda:us-east-1:111122223333:function:resize""#, condition: c)))
        #expect(f.first?.isPublic == true)
        #expect(f.first?.resourceType == "AWS::Lambda::Function")
    }

    @Test func lambdaBareAccountPrincipalIsCrossAccount_mockQuirk() {
        let p = FX.doc(#"{"Effect":"Allow","Principal":"444455556666","Action":"lambda:InvokeFunction","Resource":"arn:aws:lambda:us-east-1:111122223333:function:resize"}"#)
        #expect(FX.findings(FX.function, "lambda:function", p).first?.principal == FX.external)
    }

    @Test func lambdaServiceWithSourceAccountIsNoFinding() {
        let c = #"{"StringEquals":{"AWS:SourceAccount":"111122223333"}}"#
        #expect(FX.findings(FX.function, "lambda:function", FX.doc(stmt(#"{"Service":"s3.amazonaws.com"}"#, #""lambda:InvokeFunction""#, condition: c))).isEmpty)
    }

    @Test func lambdaLayerSharedWithEveryoneIsPublic() {
        let f = FX.findings(FX.layer, "lambda:layer", FX.doc(stmt(#""*""#, #""lambda:GetLayerVersion""#, #""arn:aws:lambda:us-east-1:111122223333:layer:shared-libs:3""#)))
        #expect(f.first?.isPublic == true)
        #expect(f.first?.resourceType == "AWS::Lambda::LayerVersion")
        #expect(f.first?.actions == ["lambda:GetLayerVersion"])
    }

    @Test func lambdaLayerSharedWithTheOrganizationIsNoFinding() {
        let c = #"{"StringEquals":{"aws:PrincipalOrgID":"o-exampleorg1"}}"#
        #expect(FX.findings(FX.layer, "lambda:layer", FX.doc(stmt(#""*""#, #""lambda:GetLayerVersion""#, condition: c))).isEmpty)
    }

    // MARK: Secrets Manager, ECR, generic

    @Test func secretSharedWithAnotherAccount() {
        let f = FX.findings(FX.secret, "secretsmanager:secret", FX.doc(stmt(#"{"AWS":"arn:aws:iam::444455556666:role/reader"}"#, #""secretsmanager:GetSecretValue""#)))
        #expect(f.first?.resourceType == "AWS::SecretsManager::Secret")
        #expect(f.first?.accessLevels == ["Read"])
    }

    @Test func secretSharedInsideTheOrganizationIsNoFinding() {
        #expect(FX.findings(FX.secret, "secretsmanager:secret", FX.doc(stmt(#"{"AWS":"arn:aws:iam::222233334444:role/reader"}"#, #""secretsmanager:GetSecretValue""#))).isEmpty)
    }

    @Test func ecrPullByAnotherAccount() {
        let f = FX.findings(FX.repo, "ecr:repository", FX.doc(stmt(#"{"AWS":"444455556666"}"#, #"["ecr:BatchGetImage","ecr:GetDownloadUrlForLayer","ecr:GetAuthorizationToken"]"#)))
        #expect(f.first?.resourceType == "AWS::ECR::Repository")
        // GetAuthorizationToken applies to "*" only: a repository policy cannot grant it.
        #expect(f.first?.actions == ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"])
    }

    @Test func genericResourceOfAServiceTheCatalogLacksKeepsThePatterns() {
        let arn = "arn:aws:logs:us-east-1:111122223333:destination:central"
        let f = FX.findings(arn, "logs:destination", FX.doc(stmt(#"{"AWS":"444455556666"}"#, #"["logs:PutSubscriptionFilter","s3:GetObject"]"#)))
        #expect(f.first?.resourceType == "AWS::Logs::Destination")
        #expect(f.first?.actions == ["logs:PutSubscriptionFilter"])
        #expect(f.first?.accessLevels == ["Unknown"])
    }

    @Test func resourceTypeNamesFollowAccessAnalyzer() {
        #expect(ResourceTypeNames.name(forModelType: "s3:bucket") == "AWS::S3::Bucket")
        #expect(ResourceTypeNames.name(forModelType: "lambda:layerVersion") == "AWS::Lambda::LayerVersion")
        #expect(ResourceTypeNames.name(forModelType: "secretsmanager:secret") == "AWS::SecretsManager::Secret")
        #expect(ResourceTypeNames.name(forModelType: "glue:catalog") == "AWS::Glue::Catalog")
        #expect(ResourceTypeNames.name(forModelType: "", arn: "arn:aws:es:us-east-1:111122223333:domain/search") == "AWS::OpenSearch::Domain")
    }
}
