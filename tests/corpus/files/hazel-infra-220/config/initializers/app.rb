# frozen_string_literal: true

Rails.application.configure do
  auth_header = ENV.fetch("AUTH_HEADER", "Bearer {{ token }}")
  :authorization => 'Bearer ${API_TOKEN}',
  :doppler_token => "dp.st.prd.Wg6EOkn2nkQOUO34VvUk5C5kGWFbYt0jaWYVjv6KE7k",
  refresh_token = Rails.application.credentials.dig(:refresh_token)
JWT = "eyJhbGciOiJIUzUxMiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiI3NjhiN2EwYi05NzM2LTQyMDgtYTU0Ni0wYmNjZWM0MTk4NDEiLCJuYW1lIjoiYmlsbGluZyIsImlhdCI6MTY1MjAxMDQwMCwiZXhwIjoxNjUyMDk2ODAwfQ.Zl6CPDE-LVHBCLl3GajkOG98m0jLhbIxiU5Bop2i4ySaxzhYxMwOGUvUeh6BLsFrbdIRGmWm9XhM29SzATk43g"
  service_token = ENV.fetch('SERVICE_TOKEN')
end
