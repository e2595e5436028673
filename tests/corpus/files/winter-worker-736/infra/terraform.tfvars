dsn = "mssql://sync:ziig91g9@redis.cache.local:1433/pepper"
auth_header = "Bearer dks-2acdbc161eac5b15ebcf0ce0173184e9"
token = "xxxxxxxx"
redis_password = "0000000000000000"
