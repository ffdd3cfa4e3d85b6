-- Weekly review of external access: every active public or cross-account finding, those first seen in
-- the last 7 days marked "new" and listed first, public before cross-account. Both sources of the findings
-- table: the collected Access Analyzer findings and iamsh's own (filled by the `findings` command, which
-- also keeps first-seen dates in .iamsh-findings-state.json); `findings diff OLD NEW` compares two weeks.
SELECT CASE WHEN days_since(created_at) <= 7 THEN 'new' ELSE 'active' END AS review,
       CASE WHEN is_public = 1 THEN 'public' ELSE 'cross-account' END AS kind,
       account,
       resource_type,
       resource,
       coalesce(json_extract(principal, '$.AWS'), json_extract(principal, '$.Federated'),
                json_extract(principal, '$.CanonicalUser'), principal) AS principal,
       actions,
       conditions,
       created_at AS first_seen,
       source,
       id
  FROM findings
 WHERE finding_type = 'ExternalAccess'
   AND status = 'ACTIVE'
 ORDER BY review = 'new' DESC, is_public DESC, account, resource, principal, source;
