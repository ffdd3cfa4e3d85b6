-- Credentials unused for 45 days or more (CIS 2.11): console passwords and active access keys whose last
-- use is 45 days or more before now; a credential never used is judged by its age (password: last
-- changed, else the user's creation; key: created or last rotated), so a never-used one passes only
-- while it is younger than 45 days.
SELECT account, user, credential, basis, since, days
  FROM (
        SELECT account,
               user,
               'password' AS credential,
               CASE WHEN password_last_used IS NULL THEN 'never used, created' ELSE 'last used' END AS basis,
               coalesce(password_last_used, password_last_changed, user_creation_time) AS since,
               days_since(coalesce(password_last_used, password_last_changed, user_creation_time)) AS days
          FROM credential_report
         WHERE password_enabled = 1
        UNION ALL
        SELECT account,
               user_name,
               'access key ' || slot,
               CASE WHEN last_used IS NULL THEN 'never used, created' ELSE 'last used' END,
               coalesce(last_used, last_rotated),
               days_since(coalesce(last_used, last_rotated))
          FROM access_keys
         WHERE active = 1
       )
 WHERE days >= 45
 ORDER BY days DESC, account, user, credential;
