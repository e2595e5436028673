# frozen_string_literal: true

Rails.application.configure do
  cache_url: "redis://10.0.3.17:6379/0",
  ldap_bind_password: '1cc06edb',
BRAINTREE_ACCESS_TOKEN = "access_token$production$lxrhrbvxk9o1jndv$6905ada5e85fd35272b75b03e4983ecf"
  :firebase_api_key => 'AIzaa6LvkzCQZGuPypkfe3FAcVyUtB2Y4Wb0Xit',
  :db_password => "Domino2022",
MAIL_PASS = "uDY6J6lqxdNgotu"

  config.sendgrid_api_key = 'SG.your_sendgrid_api_key'
end
PRIVATE_KEY =
    "-----BEGIN EC PRIVATE KEY-----\n" +
    "MHcCAQEEINqit9OBfN+TSLUe1gsYaW/uFViXQC2ziypNdnnCqmAiIb9d2HXFMimE\n" +
    "orVpPtKe86em6frRjZTYjlHMTcYsFxBb4urRfwQMNy1FBTsrcty1luSh08+kY6uZ\n" +
    "MqMFXW7CapE9gchAypGe0hIpdVWSX4qyGw==\n" +
    "-----END EC PRIVATE KEY-----\n"

