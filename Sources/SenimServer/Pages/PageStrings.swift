/// Every word the pages show, per language (Russian by default, Kazakh, English). Templates read them as
/// `{{t.key}}`; a test checks every key has a text in every language and every template key exists.
public enum PageKey: String, CaseIterable, Sendable {
    case appName, tagline, navDocuments, navNewDocument, navEmployees, navAdmin, logout, languageName
    case loginTitle, phoneLabel, phoneHint, sendCode, codeLabel, codeSentTo, acceptAgreement, agreementLink, logIn, wrongPhone
    case documentsTitle, filterAll, status_draft, status_pending, status_signed, status_rejected, status_cancelled, status_expired
    case colDocument, colStatus, colSigners, colCreated, tariffBalance, usesLeft, noDocuments, nextPage
    case newDocumentTitle, fileLabel, languageLabel, methodLabel, method_EDS, method_SES, method_EDS_OR_SES
    case orderLabel, order_PARALLEL, order_SEQUENTIAL, partnerFirstLabel, signersLabel, surnameLabel, nameLabel, iinLabel, signerPhoneLabel
    case addSignerRow, createDocument, iinInvalid, phoneInvalid
    case signersTitle, signer_waiting, signer_notified, signer_viewed, signer_signed, signer_rejected, partnerSignature
    case send, cancel, signAsPartner, downloadDocument, downloadEvidence, downloadReport, digestsLabel
    case signTitle, sentBy, binLabel, othersSigning, consentTitle, consentText, documentPreview, openDocument
    case signBySMS, getCode, enterCode, confirmCode, attemptsLeft, resendIn, resend
    case signWithEGov, egovHint, openEGov, waitingForEGov, signWithNCALayer, ncalayerNotRunning, ncalayerSigning
    case rejectTitle, rejectReason, getRejectCode, confirmReject
    case resultSigned, resultRejected, resultWaiting, youSigned, youRejected
    case employeesTitle, rightsLabel, right_upload, right_send, right_signForPartner, right_viewAllPartnerDocuments, right_manageEmployees,
        grantRights
    case adminTitle, partnersTitle, usersTitle, tariffsTitle, auditTitle, activate, deactivate, block, restore
    case createPartner, organisationLabel, issueTariff, usesTotalLabel, validFromLabel, validUntilLabel, save, partnerLabel
    case errorTitle, backHome, notFoundText, skipToContent
    case linkTitle, linkText
    case appointManager, appointManagerHint, partnerStatus_active, partnerStatus_inactive, userStatus_active, userStatus_blocked
    case inboxTitle, navInbox, colSender, colYourPart, noInbox, linkExpiredLogin
    case awaited_YOUR_SIGNATURE, awaited_OTHERS_FIRST, awaited_YOU_SIGNED, awaited_YOU_REJECTED, awaited_NOTHING
}

enum PageStrings {
    static func table(_ language: UserLanguage) -> [String: String] {
        switch language {
        case .ru: return ru
        case .kk: return kk
        case .en: return en
        }
    }

    static let ru: [String: String] = [
        "appName": "Senimkey", "tagline": "Юридически значимое подписание документов", "navDocuments": "Документы",
        "navNewDocument": "Новый документ",
        "navEmployees": "Сотрудники", "navAdmin": "Администрирование", "logout": "Выйти", "languageName": "Русский",
        "loginTitle": "Вход по номеру телефона", "phoneLabel": "Номер мобильного телефона", "phoneHint": "+7 7ХХ ХХХ ХХ ХХ",
        "sendCode": "Получить SMS-код", "codeLabel": "Код из SMS", "codeSentTo": "Код отправлен на номер", "acceptAgreement": "Я принимаю",
        "agreementLink": "пользовательское соглашение", "logIn": "Войти", "wrongPhone": "Введите казахстанский мобильный номер",
        "documentsTitle": "Документы", "filterAll": "Все", "status_draft": "Черновик", "status_pending": "Ожидает подписания",
        "status_signed": "Подписан", "status_rejected": "Отклонён", "status_cancelled": "Отменён", "status_expired": "Срок истёк",
        "colDocument": "Документ", "colStatus": "Статус", "colSigners": "Подписанты", "colCreated": "Создан",
        "tariffBalance": "Тарифный пакет",
        "usesLeft": "осталось подписаний", "noDocuments": "Документов пока нет.", "nextPage": "Дальше",
        "newDocumentTitle": "Новый документ", "fileLabel": "Файл документа", "languageLabel": "Язык документа",
        "methodLabel": "Способ подписания",
        "method_EDS": "Только ЭЦП", "method_SES": "Только SMS-код", "method_EDS_OR_SES": "ЭЦП или SMS-код",
        "orderLabel": "Порядок подписания",
        "order_PARALLEL": "Одновременно", "order_SEQUENTIAL": "По очереди", "partnerFirstLabel": "Партнёр подписывает первым",
        "signersLabel": "Подписанты", "surnameLabel": "Фамилия", "nameLabel": "Имя", "iinLabel": "ИИН", "signerPhoneLabel": "Телефон",
        "addSignerRow": "Ещё подписант", "createDocument": "Создать документ", "iinInvalid": "ИИН не прошёл проверку контрольного разряда",
        "phoneInvalid": "Нужен номер вида +7 7ХХ ХХХ ХХ ХХ",
        "signersTitle": "Подписанты", "signer_waiting": "Ожидает очереди", "signer_notified": "Уведомлён", "signer_viewed": "Просмотрел",
        "signer_signed": "Подписал", "signer_rejected": "Отклонил", "partnerSignature": "Подпись партнёра",
        "send": "Отправить на подписание", "cancel": "Отменить", "signAsPartner": "Подписать от имени партнёра",
        "downloadDocument": "Скачать документ", "downloadEvidence": "Скачать доказательный пакет", "downloadReport": "Отчёт для арбитража",
        "digestsLabel": "Хэш-суммы",
        "signTitle": "Подписание документа", "sentBy": "Отправитель", "binLabel": "БИН", "othersSigning": "Кто ещё подписывает",
        "consentTitle": "Согласие",
        "consentText": "Я ознакомился с документом и подписываю его простой электронной подписью — одноразовым SMS-кодом.",
        "documentPreview": "Документ", "openDocument": "Открыть документ",
        "signBySMS": "Подписать SMS-кодом", "getCode": "Получить код", "enterCode": "Введите код из SMS", "confirmCode": "Подписать",
        "attemptsLeft": "Осталось попыток", "resendIn": "Повторная отправка через", "resend": "Отправить код ещё раз",
        "signWithEGov": "Подписать в eGov mobile", "egovHint": "Отсканируйте QR-код в приложении eGov mobile или откройте его на телефоне.",
        "openEGov": "Открыть eGov mobile", "waitingForEGov": "Ждём подпись из приложения…", "signWithNCALayer": "Подписать через NCALayer",
        "ncalayerNotRunning": "NCALayer не запущен. Запустите NCALayer и повторите.",
        "ncalayerSigning": "Подтвердите подпись в окне NCALayer…",
        "rejectTitle": "Отказаться от подписания", "rejectReason": "Причина отказа", "getRejectCode": "Получить код для отказа",
        "confirmReject": "Подтвердить отказ",
        "resultSigned": "Документ подписан всеми сторонами.", "resultRejected": "Документ отклонён.",
        "resultWaiting": "Ждём подписи остальных.",
        "youSigned": "Вы подписали документ.", "youRejected": "Вы отказались подписывать документ.",
        "employeesTitle": "Сотрудники", "rightsLabel": "Права", "right_upload": "Загрузка", "right_send": "Отправка",
        "right_signForPartner": "Подпись за партнёра", "right_viewAllPartnerDocuments": "Все документы партнёра",
        "right_manageEmployees": "Управление сотрудниками", "grantRights": "Выдать права",
        "adminTitle": "Администрирование", "partnersTitle": "Партнёры", "usersTitle": "Пользователи", "tariffsTitle": "Тарифные пакеты",
        "auditTitle": "Журнал действий администраторов", "activate": "Активировать", "deactivate": "Деактивировать",
        "block": "Заблокировать",
        "restore": "Разблокировать", "createPartner": "Добавить партнёра", "organisationLabel": "Организация",
        "issueTariff": "Выдать пакет",
        "usesTotalLabel": "Подписаний", "validFromLabel": "Действует с", "validUntilLabel": "Действует до", "save": "Сохранить",
        "partnerLabel": "Партнёр",
        "linkTitle": "Документ на подпись",
        "linkText": "Вам направлен документ на подпись. Откройте его, чтобы прочитать, подписать или отклонить.",
        "errorTitle": "Не получилось", "backHome": "На главную", "notFoundText": "Страница не найдена.", "skipToContent": "К содержимому",
        "appointManager": "Назначить руководителя партнёра",
        "appointManagerHint": "Руководитель получает все права в кабинете партнёра; себя назначить нельзя.",
        "partnerStatus_active": "Активен", "partnerStatus_inactive": "Деактивирован", "userStatus_active": "Активен",
        "userStatus_blocked": "Заблокирован",
        "inboxTitle": "Мои документы", "navInbox": "Мои документы", "colSender": "Отправитель", "colYourPart": "От вас",
        "noInbox": "Вам пока не направляли документов на подпись.", "linkExpiredLogin": "Войти по номеру телефона и открыть документ",
        "awaited_YOUR_SIGNATURE": "Ждёт вашей подписи", "awaited_OTHERS_FIRST": "Сначала подписывают другие",
        "awaited_YOU_SIGNED": "Вы подписали",
        "awaited_YOU_REJECTED": "Вы отказались подписывать", "awaited_NOTHING": "Ничего не требуется",
    ]

    static let kk: [String: String] = [
        "appName": "Senimkey", "tagline": "Құжаттарға заңды маңызы бар қол қою", "navDocuments": "Құжаттар", "navNewDocument": "Жаңа құжат",
        "navEmployees": "Қызметкерлер", "navAdmin": "Әкімшілік", "logout": "Шығу", "languageName": "Қазақша",
        "loginTitle": "Телефон нөмірімен кіру", "phoneLabel": "Ұялы телефон нөмірі", "phoneHint": "+7 7ХХ ХХХ ХХ ХХ",
        "sendCode": "SMS-код алу", "codeLabel": "SMS-тағы код", "codeSentTo": "Код мына нөмірге жіберілді",
        "acceptAgreement": "Мен қабылдаймын:",
        "agreementLink": "пайдаланушы келісімі", "logIn": "Кіру", "wrongPhone": "Қазақстандық ұялы нөмірді енгізіңіз",
        "documentsTitle": "Құжаттар", "filterAll": "Барлығы", "status_draft": "Жоба", "status_pending": "Қол қоюды күтуде",
        "status_signed": "Қол қойылды", "status_rejected": "Қабылданбады", "status_cancelled": "Жойылды", "status_expired": "Мерзімі өтті",
        "colDocument": "Құжат", "colStatus": "Мәртебе", "colSigners": "Қол қоюшылар", "colCreated": "Құрылды",
        "tariffBalance": "Тарифтік пакет",
        "usesLeft": "қол қою қалды", "noDocuments": "Әзірге құжат жоқ.", "nextPage": "Әрі қарай",
        "newDocumentTitle": "Жаңа құжат", "fileLabel": "Құжат файлы", "languageLabel": "Құжат тілі", "methodLabel": "Қол қою тәсілі",
        "method_EDS": "Тек ЭЦҚ", "method_SES": "Тек SMS-код", "method_EDS_OR_SES": "ЭЦҚ немесе SMS-код", "orderLabel": "Қол қою тәртібі",
        "order_PARALLEL": "Бір мезгілде", "order_SEQUENTIAL": "Кезекпен", "partnerFirstLabel": "Серіктес бірінші қол қояды",
        "signersLabel": "Қол қоюшылар", "surnameLabel": "Тегі", "nameLabel": "Аты", "iinLabel": "ЖСН", "signerPhoneLabel": "Телефон",
        "addSignerRow": "Тағы қол қоюшы", "createDocument": "Құжат құру", "iinInvalid": "ЖСН бақылау разрядынан өтпеді",
        "phoneInvalid": "+7 7ХХ ХХХ ХХ ХХ түріндегі нөмір қажет",
        "signersTitle": "Қол қоюшылар", "signer_waiting": "Кезек күтуде", "signer_notified": "Хабарланды", "signer_viewed": "Қарады",
        "signer_signed": "Қол қойды", "signer_rejected": "Бас тартты", "partnerSignature": "Серіктестің қолтаңбасы",
        "send": "Қол қоюға жіберу", "cancel": "Болдырмау", "signAsPartner": "Серіктес атынан қол қою",
        "downloadDocument": "Құжатты жүктеу", "downloadEvidence": "Дәлелдемелер пакетін жүктеу",
        "downloadReport": "Төрелікке арналған есеп",
        "digestsLabel": "Хэш-сомалар",
        "signTitle": "Құжатқа қол қою", "sentBy": "Жіберуші", "binLabel": "БСН", "othersSigning": "Тағы кім қол қояды",
        "consentTitle": "Келісім",
        "consentText": "Мен құжатпен таныстым және оған қарапайым электрондық қолтаңбамен — бір реттік SMS-кодпен қол қоямын.",
        "documentPreview": "Құжат", "openDocument": "Құжатты ашу",
        "signBySMS": "SMS-кодпен қол қою", "getCode": "Код алу", "enterCode": "SMS-тағы кодты енгізіңіз", "confirmCode": "Қол қою",
        "attemptsLeft": "Қалған әрекеттер", "resendIn": "Қайта жіберу", "resend": "Кодты қайта жіберу",
        "signWithEGov": "eGov mobile арқылы қол қою", "egovHint": "QR-кодты eGov mobile қосымшасында сканерлеңіз немесе телефонда ашыңыз.",
        "openEGov": "eGov mobile ашу", "waitingForEGov": "Қосымшадан қолтаңбаны күтудеміз…", "signWithNCALayer": "NCALayer арқылы қол қою",
        "ncalayerNotRunning": "NCALayer іске қосылмаған. NCALayer-ді іске қосып, қайталаңыз.",
        "ncalayerSigning": "NCALayer терезесінде қол қоюды растаңыз…",
        "rejectTitle": "Қол қоюдан бас тарту", "rejectReason": "Бас тарту себебі", "getRejectCode": "Бас тарту кодын алу",
        "confirmReject": "Бас тартуды растау",
        "resultSigned": "Құжатқа барлық тараптар қол қойды.", "resultRejected": "Құжат қабылданбады.",
        "resultWaiting": "Басқалардың қолын күтудеміз.",
        "youSigned": "Сіз құжатқа қол қойдыңыз.", "youRejected": "Сіз құжатқа қол қоюдан бас тарттыңыз.",
        "employeesTitle": "Қызметкерлер", "rightsLabel": "Құқықтар", "right_upload": "Жүктеу", "right_send": "Жіберу",
        "right_signForPartner": "Серіктес атынан қол қою", "right_viewAllPartnerDocuments": "Серіктестің барлық құжаттары",
        "right_manageEmployees": "Қызметкерлерді басқару", "grantRights": "Құқық беру",
        "adminTitle": "Әкімшілік", "partnersTitle": "Серіктестер", "usersTitle": "Пайдаланушылар", "tariffsTitle": "Тарифтік пакеттер",
        "auditTitle": "Әкімшілер әрекеттерінің журналы", "activate": "Белсендіру", "deactivate": "Белсенділігін тоқтату",
        "block": "Бұғаттау",
        "restore": "Бұғаттан шығару", "createPartner": "Серіктес қосу", "organisationLabel": "Ұйым", "issueTariff": "Пакет беру",
        "usesTotalLabel": "Қол қою саны", "validFromLabel": "Басталуы", "validUntilLabel": "Аяқталуы", "save": "Сақтау",
        "partnerLabel": "Серіктес",
        "linkTitle": "Қол қоюға арналған құжат",
        "linkText": "Сізге қол қоюға құжат жіберілді. Оны оқу, қол қою немесе бас тарту үшін ашыңыз.",
        "errorTitle": "Болмады", "backHome": "Басты бетке", "notFoundText": "Бет табылмады.", "skipToContent": "Мазмұнға өту",
        "appointManager": "Серіктестің басшысын тағайындау",
        "appointManagerHint": "Басшы серіктес кабинетіндегі барлық құқықты алады; өзіңізді тағайындай алмайсыз.",
        "partnerStatus_active": "Белсенді", "partnerStatus_inactive": "Белсенді емес", "userStatus_active": "Белсенді",
        "userStatus_blocked": "Бұғатталған",
        "inboxTitle": "Менің құжаттарым", "navInbox": "Менің құжаттарым", "colSender": "Жіберуші", "colYourPart": "Сізден",
        "noInbox": "Сізге әлі қол қоюға құжат жіберілмеген.", "linkExpiredLogin": "Телефон нөмірімен кіріп, құжатты ашу",
        "awaited_YOUR_SIGNATURE": "Сіздің қолыңызды күтуде", "awaited_OTHERS_FIRST": "Алдымен басқалар қол қояды",
        "awaited_YOU_SIGNED": "Сіз қол қойдыңыз",
        "awaited_YOU_REJECTED": "Сіз қол қоюдан бас тарттыңыз", "awaited_NOTHING": "Ештеңе талап етілмейді",
    ]

    static let en: [String: String] = [
        "appName": "Senimkey", "tagline": "Legally binding document signing", "navDocuments": "Documents", "navNewDocument": "New document",
        "navEmployees": "Employees", "navAdmin": "Administration", "logout": "Log out", "languageName": "English",
        "loginTitle": "Log in with your phone", "phoneLabel": "Mobile phone number", "phoneHint": "+7 7XX XXX XX XX",
        "sendCode": "Get an SMS code", "codeLabel": "Code from the SMS", "codeSentTo": "The code was sent to",
        "acceptAgreement": "I accept the",
        "agreementLink": "user agreement", "logIn": "Log in", "wrongPhone": "Enter a Kazakh mobile number",
        "documentsTitle": "Documents", "filterAll": "All", "status_draft": "Draft", "status_pending": "Awaiting signatures",
        "status_signed": "Signed", "status_rejected": "Rejected", "status_cancelled": "Cancelled", "status_expired": "Expired",
        "colDocument": "Document", "colStatus": "Status", "colSigners": "Signers", "colCreated": "Created",
        "tariffBalance": "Tariff package",
        "usesLeft": "signings left", "noDocuments": "No documents yet.", "nextPage": "Next",
        "newDocumentTitle": "New document", "fileLabel": "Document file", "languageLabel": "Document language",
        "methodLabel": "Signing method",
        "method_EDS": "EDS only", "method_SES": "SMS code only", "method_EDS_OR_SES": "EDS or SMS code", "orderLabel": "Signing order",
        "order_PARALLEL": "All at once", "order_SEQUENTIAL": "One by one", "partnerFirstLabel": "The partner signs first",
        "signersLabel": "Signers", "surnameLabel": "Surname", "nameLabel": "Name", "iinLabel": "IIN", "signerPhoneLabel": "Phone",
        "addSignerRow": "Another signer", "createDocument": "Create the document", "iinInvalid": "The IIN fails its check digit",
        "phoneInvalid": "A number like +7 7XX XXX XX XX is needed",
        "signersTitle": "Signers", "signer_waiting": "Waiting", "signer_notified": "Notified", "signer_viewed": "Viewed",
        "signer_signed": "Signed", "signer_rejected": "Rejected", "partnerSignature": "The partner's signature",
        "send": "Send for signing", "cancel": "Cancel", "signAsPartner": "Sign for the partner",
        "downloadDocument": "Download the document", "downloadEvidence": "Download the evidence package",
        "downloadReport": "Arbitration report",
        "digestsLabel": "Digests",
        "signTitle": "Signing a document", "sentBy": "Sent by", "binLabel": "BIN", "othersSigning": "Who else signs",
        "consentTitle": "Consent",
        "consentText": "I have read the document and sign it with a simple electronic signature, a one-time SMS code.",
        "documentPreview": "Document", "openDocument": "Open the document",
        "signBySMS": "Sign with an SMS code", "getCode": "Get a code", "enterCode": "Enter the code from the SMS", "confirmCode": "Sign",
        "attemptsLeft": "Attempts left", "resendIn": "Resend in", "resend": "Send the code again",
        "signWithEGov": "Sign in eGov mobile", "egovHint": "Scan the QR code with the eGov mobile app, or open it on your phone.",
        "openEGov": "Open eGov mobile", "waitingForEGov": "Waiting for the signature from the app…",
        "signWithNCALayer": "Sign with NCALayer",
        "ncalayerNotRunning": "NCALayer is not running. Start NCALayer and try again.",
        "ncalayerSigning": "Confirm the signature in the NCALayer window…",
        "rejectTitle": "Refuse to sign", "rejectReason": "Reason", "getRejectCode": "Get a code to refuse",
        "confirmReject": "Confirm the refusal",
        "resultSigned": "The document is signed by every party.", "resultRejected": "The document was rejected.",
        "resultWaiting": "Waiting for the others to sign.",
        "youSigned": "You signed the document.", "youRejected": "You refused to sign the document.",
        "employeesTitle": "Employees", "rightsLabel": "Rights", "right_upload": "Upload", "right_send": "Send",
        "right_signForPartner": "Sign for the partner", "right_viewAllPartnerDocuments": "All of the partner's documents",
        "right_manageEmployees": "Manage employees", "grantRights": "Grant rights",
        "adminTitle": "Administration", "partnersTitle": "Partners", "usersTitle": "Users", "tariffsTitle": "Tariff packages",
        "auditTitle": "Administrators' actions", "activate": "Activate", "deactivate": "Deactivate", "block": "Block", "restore": "Restore",
        "createPartner": "Add a partner", "organisationLabel": "Organisation", "issueTariff": "Issue a package",
        "usesTotalLabel": "Signings",
        "validFromLabel": "Valid from", "validUntilLabel": "Valid until", "save": "Save", "partnerLabel": "Partner",
        "linkTitle": "A document to sign", "linkText": "A document was sent to you for signing. Open it to read, sign or reject it.",
        "errorTitle": "That did not work", "backHome": "Home", "notFoundText": "Page not found.", "skipToContent": "Skip to content",
        "appointManager": "Appoint the partner's manager",
        "appointManagerHint": "A manager gets every right in the partner's cabinet; you cannot appoint yourself.",
        "partnerStatus_active": "Active", "partnerStatus_inactive": "Inactive", "userStatus_active": "Active",
        "userStatus_blocked": "Blocked",
        "inboxTitle": "My documents", "navInbox": "My documents", "colSender": "Sender", "colYourPart": "From you",
        "noInbox": "No document has been sent to you for signing yet.",
        "linkExpiredLogin": "Log in with your phone number and open the document",
        "awaited_YOUR_SIGNATURE": "Awaiting your signature", "awaited_OTHERS_FIRST": "Others sign first",
        "awaited_YOU_SIGNED": "You signed",
        "awaited_YOU_REJECTED": "You declined to sign", "awaited_NOTHING": "Nothing to do",
    ]
}
