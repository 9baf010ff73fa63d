// Example values from the AWS documentation, used by the local emulator.
module.exports = {
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  region: 'eu-west-1',
};
