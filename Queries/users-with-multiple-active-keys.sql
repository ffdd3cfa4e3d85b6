-- Users with more than one active access key (CIS v5/v6 "only one active access key"): each such user
-- with the age and last use of every active key.
SELECT account,
       user_name,
       count(*) AS active_keys,
       json_group_array(json_object('slot', slot,
                                    'age_days', days_since(last_rotated),
                                    'last_used', last_used)) AS keys
  FROM access_keys
 WHERE active = 1
 GROUP BY user_arn
HAVING count(*) > 1
 ORDER BY account, user_name;
