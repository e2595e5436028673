db_url = "https://mailer@mq.internal.corp/path"
connection_string = "redis://mongo-0.mongo:6379/0"
auth_header = "Bearer {{ token }}"
replicate_api_token = "r8_jeXfHl9bg0FwYufI7FDKvISWFcc1ngzX2WfFF"
