-- Root account usage and root keys, per account (CIS 2.4, 2.5, 2.7): the root user's latest use of its
-- password or of either access key (the latest of the three, not the first), whether it has MFA, how many
-- active access keys it holds, and the account summary's AccountAccessKeysPresent as a cross-check.
SELECT a.account_id AS account,
       a.alias,
       cr.password_last_used AS root_password_last_used,
       (SELECT max(t) FROM (SELECT cr.password_last_used AS t
                            UNION ALL SELECT cr.access_key_1_last_used_date
                            UNION ALL SELECT cr.access_key_2_last_used_date)) AS root_last_used,
       days_since((SELECT max(t) FROM (SELECT cr.password_last_used AS t
                                       UNION ALL SELECT cr.access_key_1_last_used_date
                                       UNION ALL SELECT cr.access_key_2_last_used_date))) AS days_since_root_use,
       cr.mfa_active AS root_mfa,
       coalesce(cr.access_key_1_active, 0) + coalesce(cr.access_key_2_active, 0) AS root_active_keys,
       (SELECT value FROM account_summary s
         WHERE s.account = a.account_id AND s.name = 'AccountAccessKeysPresent') AS summary_root_keys
  FROM accounts a
  LEFT JOIN credential_report cr ON cr.account = a.account_id AND cr.is_root = 1
 WHERE cr.arn IS NOT NULL
    OR EXISTS (SELECT 1 FROM account_summary s WHERE s.account = a.account_id)
 ORDER BY a.account_id;
