-- Organization-wide cross-account exposure: for each account, every principal outside the zone of trust that
-- can reach its resources ("anyone" for public access; an account ID for account principals and the users and
-- roles in it; the provider for federated identities), how many resources, which ones, whether any is public,
-- and who reports it (access-analyzer, iamsh — run `findings` to fill iamsh's rows). Active findings only.
WITH exposure AS (
  SELECT account AS owner,
         CASE
           WHEN json_extract(principal, '$.AWS') = '*' THEN 'anyone'
           WHEN json_extract(principal, '$.AWS') IS NOT NULL
             THEN coalesce(arn_account(json_extract(principal, '$.AWS')), json_extract(principal, '$.AWS'))
           ELSE coalesce(json_extract(principal, '$.Federated'), json_extract(principal, '$.CanonicalUser'), principal)
         END AS external,
         resource,
         is_public,
         source
    FROM findings
   WHERE finding_type = 'ExternalAccess'
     AND status = 'ACTIVE'
)
SELECT e.owner AS account,
       coalesce(a.alias, a.name) AS account_name,
       e.external,
       (SELECT coalesce(x.alias, x.name) FROM accounts x WHERE x.account_id = e.external) AS external_name,
       max(e.is_public) AS public,
       count(DISTINCT e.resource) AS resources,
       group_concat(DISTINCT e.resource) AS resource_list,
       group_concat(DISTINCT e.source) AS reported_by
  FROM exposure e
  LEFT JOIN accounts a ON a.account_id = e.owner
 GROUP BY e.owner, e.external
 ORDER BY public DESC, resources DESC, account, e.external;
