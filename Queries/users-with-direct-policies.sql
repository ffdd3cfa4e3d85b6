-- Users with policies attached directly (CIS 2.13, "permissions only through groups"): every managed
-- policy attached to a user and every inline user policy, one row per user and policy.
SELECT u.account,
       u.name AS user,
       pp.policy_kind AS kind,
       pp.policy_name AS policy,
       pp.policy_arn
  FROM principal_policies pp
  JOIN users u ON u.arn = pp.principal_arn
 WHERE pp.via = 'direct'
   AND pp.policy_kind IN ('policy', 'inline')
 ORDER BY u.account, u.name, pp.policy_kind, pp.policy_name;
