-- Console users without MFA: IAM users that have a console password but no MFA device (CIS 2.10),
-- and root users without MFA (CIS 2.5), with when the password was last used.
SELECT account,
       user,
       arn,
       CASE WHEN is_root = 1 THEN 'root user' ELSE 'IAM user' END AS kind,
       password_last_used,
       days_since(password_last_used) AS days_since_last_login
  FROM credential_report
 WHERE (password_enabled = 1 OR is_root = 1)
   AND mfa_active = 0
 ORDER BY account, is_root DESC, user;
