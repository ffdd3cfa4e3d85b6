-- Access keys older than 90 days: active keys created or last rotated more than 90 days before now
-- (CIS 2.12), root keys included, oldest first.
SELECT account,
       user_name,
       slot,
       is_root,
       last_rotated,
       days_since(last_rotated) AS age_days,
       last_used,
       last_used_service
  FROM access_keys
 WHERE active = 1
   AND days_since(last_rotated) > 90
 ORDER BY age_days DESC, account, user_name, slot;
