/**
 * A person's name as on a resident ID card: Chinese characters and the middle dot of minority names.
 * The BFF enforces it (real-name binding, pickup agents); the app checks the same rule beside the field.
 */
export const CHINESE_NAME = /^[\u4e00-\u9fa5·]{2,20}$/

/** A parcel recipient: Chinese or Latin letters, spaces and the middle dot. */
export const RECIPIENT_NAME = /^[\u4e00-\u9fa5·A-Za-z ]{2,30}$/
