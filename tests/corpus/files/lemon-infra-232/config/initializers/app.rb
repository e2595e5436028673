# frozen_string_literal: true

Rails.application.configure do
  config.aws_secret_access_key = 'ORVLyPgs0wCJdLiYGU2n+vguR+czgOSjO1xfvwZE'
  config.cache_classes = true
  config.repo_url = "redis://sql01.corp.lan:6379/0"
  config.access_token = 'j6HTRidm5zQOY8ZTB9iqdUyDRK7xITGq0igC4'
  config.slack_webhook_url = "https://hooks.slack.com/services/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"
CONTENT_HASH = "51e1e7378ae99932f2d2080536e3dba9"
  config.cache_classes = true
  presigned_url = ENV.fetch("PRESIGNED_URL", "https://saffron.s3.amazonaws.com/saffron/thunder.tar.gz?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIA4AYFU2GTRYBQF24W%2F20241122%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20241127T120000Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host&X-Amz-Signature=6c47dcec40a49a8babdfe878a755cca014f57eeda14d94e2e71ee088f5c79f42")
  config.api_key = 'af3a1c34-542c-4282-9993-1c3e2196c390'
  service_password: 'xxxxxxxx',
end
PRIVATE_KEY =
    "-----BEGIN EC PRIVATE KEY-----\n" +
    "MHcCAQEEIMhTtXeFlquX+340PwPllqL7daXe0NflyEXZ5MBQq2uKHjScmQFuql3F\n" +
    "UKc26sSIDCKWuIC9nfayjNKNTd0vK7clxJ0WaiwTu+Q0dYKST33p2Cxc55mt7Mh7\n" +
    "kiQqn6tm857qsZuQh5MPbMsAXtrkRYSwNA==\n" +
    "-----END EC PRIVATE KEY-----\n"

