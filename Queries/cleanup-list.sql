-- Cleanup list: what has not been used for 90 days or more and can probably be removed, one row each:
-- IAM users with no sign of life (no console sign-in, no access-key use, no password or key set up, not
-- created) in that time; roles not used (RoleLastUsed; a role never used is judged by its creation date;
-- service-linked roles are left out); and active access keys not used (a key never used is judged by its
-- creation date). Root users are left out: they cannot be deleted. Replace 90 to use another period.
SELECT account, kind, name, arn, last_activity, days, reason
  FROM (
        SELECT account,
               'user' AS kind,
               user AS name,
               arn,
               last_activity,
               days_since(last_activity) AS days,
               CASE WHEN last_used IS NULL THEN 'never used a credential'
                    ELSE 'last credential use ' || substr(last_used, 1, 10) END AS reason
          -- ISO 8601 text sorts as time; '' stands in for NULL so that max() ignores it.
          FROM (SELECT account, user, arn,
                       nullif(max(coalesce(password_last_used, ''), coalesce(access_key_1_last_used_date, ''),
                                  coalesce(access_key_2_last_used_date, '')), '') AS last_used,
                       nullif(max(coalesce(user_creation_time, ''), coalesce(password_last_used, ''),
                                  coalesce(password_last_changed, ''), coalesce(access_key_1_last_used_date, ''),
                                  coalesce(access_key_1_last_rotated, ''), coalesce(access_key_2_last_used_date, ''),
                                  coalesce(access_key_2_last_rotated, '')), '') AS last_activity
                  FROM credential_report
                 WHERE is_root = 0)
        UNION ALL
        SELECT account,
               'role',
               name,
               arn,
               coalesce(last_used, create_date),
               days_since(coalesce(last_used, create_date)),
               CASE WHEN last_used IS NULL THEN 'never used (RoleLastUsed empty)' ELSE 'last used ' || substr(last_used, 1, 10) END
          FROM roles
         WHERE is_service_linked = 0
        UNION ALL
        SELECT account,
               'access key',
               user_name || ' key ' || slot || coalesce(' (' || access_key_id || ')', ''),
               user_arn,
               coalesce(last_used, last_rotated),
               days_since(coalesce(last_used, last_rotated)),
               CASE WHEN last_used IS NULL THEN 'active, never used' ELSE 'active, last used ' || substr(last_used, 1, 10) END
          FROM access_keys
         WHERE active = 1 AND is_root = 0
       )
 WHERE days >= 90
 ORDER BY account, kind, days DESC, name;
