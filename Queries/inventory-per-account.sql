-- Inventory per account: what the snapshot holds for each account with IAM data — identities, policies,
-- credentials, resource policies and findings — so a reader sees the size and shape of each account.
SELECT a.account_id AS account,
       coalesce(a.alias, a.name) AS name,
       a.parent_id AS org_parent,
       (SELECT count(*) FROM users u WHERE u.account = a.account_id) AS users,
       (SELECT count(*) FROM groups g WHERE g.account = a.account_id) AS groups,
       (SELECT count(*) FROM roles r WHERE r.account = a.account_id) AS roles,
       (SELECT count(*) FROM roles r WHERE r.account = a.account_id AND r.is_service_linked = 1) AS service_linked_roles,
       (SELECT count(*) FROM policies p WHERE p.account = a.account_id) AS customer_policies,
       (SELECT count(*) FROM inline_policies i WHERE i.account = a.account_id) AS inline_policies,
       (SELECT count(*) FROM credential_report c
         WHERE c.account = a.account_id AND c.is_root = 0 AND c.password_enabled = 1) AS console_users,
       (SELECT count(*) FROM access_keys k WHERE k.account = a.account_id AND k.active = 1) AS active_keys,
       (SELECT count(*) FROM resource_policies rp WHERE rp.account = a.account_id) AS resource_policies,
       (SELECT count(*) FROM findings f WHERE f.account = a.account_id AND f.status = 'ACTIVE') AS active_findings
  FROM accounts a
 WHERE EXISTS (SELECT 1 FROM users u WHERE u.account = a.account_id)
    OR EXISTS (SELECT 1 FROM roles r WHERE r.account = a.account_id)
    OR EXISTS (SELECT 1 FROM credential_report c WHERE c.account = a.account_id)
 ORDER BY a.account_id;
