import SenimEvidence
import SenimWorkflow

/// Every word the pages show, per language (Russian by default, Kazakh, English). Templates read them as
/// `{{t.key}}` (the raw value); a test checks every key has a text in every language and every template key exists.
public enum PageKey: String, CaseIterable, Sendable {
    case appName, tagline, navDocuments, navNewDocument, navEmployees, navAdmin, logout, languageName, loginTitle, phoneLabel
    case phoneHint, sendCode, codeLabel, codeSentTo, acceptAgreement, agreementLink, logIn, wrongPhone, documentsTitle, filterAll
    case colDocument, colStatus, colSigners, colCreated, tariffBalance, usesLeft, noDocuments, nextPage, newDocumentTitle
    case fileLabel, languageLabel, methodLabel, orderLabel, partnerFirstLabel, signersLabel, surnameLabel, nameLabel, iinLabel
    case signerPhoneLabel, addSignerRow, createDocument, iinInvalid, phoneInvalid, signersTitle, partnerSignature, send, cancel
    case signAsPartner, downloadDocument, downloadEvidence, downloadReport, digestsLabel, signTitle, sentBy, binLabel, othersSigning
    case consentTitle, consentText, documentPreview, openDocument, signBySMS, getCode, enterCode, confirmCode, attemptsLeft
    case resendIn, resend, signWithEGov, egovHint, openEGov, waitingForEGov, signWithNCALayer, ncalayerNotRunning, ncalayerSigning
    case rejectTitle, rejectReason, getRejectCode, confirmReject, resultSigned, resultRejected, resultWaiting, youSigned
    case youRejected, employeesTitle, rightsLabel, grantRights, adminTitle, partnersTitle, usersTitle, tariffsTitle, auditTitle
    case activate, deactivate, block, restore, createPartner, organisationLabel, issueTariff, usesTotalLabel, validFromLabel
    case validUntilLabel, save, partnerLabel, errorTitle, backHome, notFoundText, skipToContent, linkTitle, linkText, appointManager
    case appointManagerHint, inboxTitle, navInbox, colSender, colYourPart, noInbox, linkExpiredLogin
    // Keys made from a value (`status_` and a document status, …): the templates and tables name them so.
    case statusDraft = "status_draft"
    case statusPending = "status_pending"
    case statusSigned = "status_signed"
    case statusRejected = "status_rejected"
    case statusCancelled = "status_cancelled"
    case statusExpired = "status_expired"
    case methodEds = "method_EDS"
    case methodSes = "method_SES"
    case methodEdsOrSes = "method_EDS_OR_SES"
    case orderParallel = "order_PARALLEL"
    case orderSequential = "order_SEQUENTIAL"
    case signerWaiting = "signer_waiting"
    case signerNotified = "signer_notified"
    case signerViewed = "signer_viewed"
    case signerSigned = "signer_signed"
    case signerRejected = "signer_rejected"
    case rightUpload = "right_upload"
    case rightSend = "right_send"
    case rightSignForPartner = "right_signForPartner"
    case rightViewAllPartnerDocuments = "right_viewAllPartnerDocuments"
    case rightManageEmployees = "right_manageEmployees"
    case partnerStatusActive = "partnerStatus_active"
    case partnerStatusInactive = "partnerStatus_inactive"
    case userStatusActive = "userStatus_active"
    case userStatusBlocked = "userStatus_blocked"
    case awaitedYourSignature = "awaited_YOUR_SIGNATURE"
    case awaitedOthersFirst = "awaited_OTHERS_FIRST"
    case awaitedYouSigned = "awaited_YOU_SIGNED"
    case awaitedYouRejected = "awaited_YOU_REJECTED"
    case awaitedNothing = "awaited_NOTHING"
}

enum PageStrings {
    static func table(_ language: Language) -> PageTable {
        switch language {
        case .ru: return PageTable(texts: ru)
        case .kk: return PageTable(texts: kk)
        case .en: return PageTable(texts: en)
        }
    }

    static let ru: [PageKey: String] = [
        .appName: "Senimkey", .tagline: "Юридически значимое подписание документов", .navDocuments: "Документы",
        .navNewDocument: "Новый документ",
        .navEmployees: "Сотрудники", .navAdmin: "Администрирование", .logout: "Выйти", .languageName: "Русский",
        .loginTitle: "Вход по номеру телефона", .phoneLabel: "Номер мобильного телефона", .phoneHint: "+7 7ХХ ХХХ ХХ ХХ",
        .sendCode: "Получить SMS-код", .codeLabel: "Код из SMS", .codeSentTo: "Код отправлен на номер", .acceptAgreement: "Я принимаю",
        .agreementLink: "пользовательское соглашение", .logIn: "Войти", .wrongPhone: "Введите казахстанский мобильный номер",
        .documentsTitle: "Документы", .filterAll: "Все", .statusDraft: "Черновик", .statusPending: "Ожидает подписания",
        .statusSigned: "Подписан", .statusRejected: "Отклонён", .statusCancelled: "Отменён", .statusExpired: "Срок истёк",
        .colDocument: "Документ", .colStatus: "Статус", .colSigners: "Подписанты", .colCreated: "Создан",
        .tariffBalance: "Тарифный пакет",
        .usesLeft: "осталось подписаний", .noDocuments: "Документов пока нет.", .nextPage: "Дальше",
        .newDocumentTitle: "Новый документ", .fileLabel: "Файл документа", .languageLabel: "Язык документа",
        .methodLabel: "Способ подписания",
        .methodEds: "Только ЭЦП", .methodSes: "Только SMS-код", .methodEdsOrSes: "ЭЦП или SMS-код",
        .orderLabel: "Порядок подписания",
        .orderParallel: "Одновременно", .orderSequential: "По очереди", .partnerFirstLabel: "Партнёр подписывает первым",
        .signersLabel: "Подписанты", .surnameLabel: "Фамилия", .nameLabel: "Имя", .iinLabel: "ИИН", .signerPhoneLabel: "Телефон",
        .addSignerRow: "Ещё подписант", .createDocument: "Создать документ", .iinInvalid: "ИИН не прошёл проверку контрольного разряда",
        .phoneInvalid: "Нужен номер вида +7 7ХХ ХХХ ХХ ХХ",
        .signersTitle: "Подписанты", .signerWaiting: "Ожидает очереди", .signerNotified: "Уведомлён", .signerViewed: "Просмотрел",
        .signerSigned: "Подписал", .signerRejected: "Отклонил", .partnerSignature: "Подпись партнёра",
        .send: "Отправить на подписание", .cancel: "Отменить", .signAsPartner: "Подписать от имени партнёра",
        .downloadDocument: "Скачать документ", .downloadEvidence: "Скачать доказательный пакет", .downloadReport: "Отчёт для арбитража",
        .digestsLabel: "Хэш-суммы",
        .signTitle: "Подписание документа", .sentBy: "Отправитель", .binLabel: "БИН", .othersSigning: "Кто ещё подписывает",
        .consentTitle: "Согласие",
        .consentText: "Я ознакомился с документом и подписываю его простой электронной подписью — одноразовым SMS-кодом.",
        .documentPreview: "Документ", .openDocument: "Открыть документ",
        .signBySMS: "Подписать SMS-кодом", .getCode: "Получить код", .enterCode: "Введите код из SMS", .confirmCode: "Подписать",
        .attemptsLeft: "Осталось попыток", .resendIn: "Повторная отправка через", .resend: "Отправить код ещё раз",
        .signWithEGov: "Подписать в eGov mobile", .egovHint: "Отсканируйте QR-код в приложении eGov mobile или откройте его на телефоне.",
        .openEGov: "Открыть eGov mobile", .waitingForEGov: "Ждём подпись из приложения…", .signWithNCALayer: "Подписать через NCALayer",
        .ncalayerNotRunning: "NCALayer не запущен. Запустите NCALayer и повторите.",
        .ncalayerSigning: "Подтвердите подпись в окне NCALayer…",
        .rejectTitle: "Отказаться от подписания", .rejectReason: "Причина отказа", .getRejectCode: "Получить код для отказа",
        .confirmReject: "Подтвердить отказ",
        .resultSigned: "Документ подписан всеми сторонами.", .resultRejected: "Документ отклонён.",
        .resultWaiting: "Ждём подписи остальных.",
        .youSigned: "Вы подписали документ.", .youRejected: "Вы отказались подписывать документ.",
        .employeesTitle: "Сотрудники", .rightsLabel: "Права", .rightUpload: "Загрузка", .rightSend: "Отправка",
        .rightSignForPartner: "Подпись за партнёра", .rightViewAllPartnerDocuments: "Все документы партнёра",
        .rightManageEmployees: "Управление сотрудниками", .grantRights: "Выдать права",
        .adminTitle: "Администрирование", .partnersTitle: "Партнёры", .usersTitle: "Пользователи", .tariffsTitle: "Тарифные пакеты",
        .auditTitle: "Журнал действий администраторов", .activate: "Активировать", .deactivate: "Деактивировать",
        .block: "Заблокировать",
        .restore: "Разблокировать", .createPartner: "Добавить партнёра", .organisationLabel: "Организация",
        .issueTariff: "Выдать пакет",
        .usesTotalLabel: "Подписаний", .validFromLabel: "Действует с", .validUntilLabel: "Действует до", .save: "Сохранить",
        .partnerLabel: "Партнёр",
        .linkTitle: "Документ на подпись",
        .linkText: "Вам направлен документ на подпись. Откройте его, чтобы прочитать, подписать или отклонить.",
        .errorTitle: "Не получилось", .backHome: "На главную", .notFoundText: "Страница не найдена.", .skipToContent: "К содержимому",
        .appointManager: "Назначить руководителя партнёра",
        .appointManagerHint: "Руководитель получает все права в кабинете партнёра; себя назначить нельзя.",
        .partnerStatusActive: "Активен", .partnerStatusInactive: "Деактивирован", .userStatusActive: "Активен",
        .userStatusBlocked: "Заблокирован",
        .inboxTitle: "Мои документы", .navInbox: "Мои документы", .colSender: "Отправитель", .colYourPart: "От вас",
        .noInbox: "Вам пока не направляли документов на подпись.", .linkExpiredLogin: "Войти по номеру телефона и открыть документ",
        .awaitedYourSignature: "Ждёт вашей подписи", .awaitedOthersFirst: "Сначала подписывают другие",
        .awaitedYouSigned: "Вы подписали",
        .awaitedYouRejected: "Вы отказались подписывать", .awaitedNothing: "Ничего не требуется",
    ]

    static let kk: [PageKey: String] = [
        .appName: "Senimkey", .tagline: "Құжаттарға заңды маңызы бар қол қою", .navDocuments: "Құжаттар", .navNewDocument: "Жаңа құжат",
        .navEmployees: "Қызметкерлер", .navAdmin: "Әкімшілік", .logout: "Шығу", .languageName: "Қазақша",
        .loginTitle: "Телефон нөмірімен кіру", .phoneLabel: "Ұялы телефон нөмірі", .phoneHint: "+7 7ХХ ХХХ ХХ ХХ",
        .sendCode: "SMS-код алу", .codeLabel: "SMS-тағы код", .codeSentTo: "Код мына нөмірге жіберілді",
        .acceptAgreement: "Мен қабылдаймын:",
        .agreementLink: "пайдаланушы келісімі", .logIn: "Кіру", .wrongPhone: "Қазақстандық ұялы нөмірді енгізіңіз",
        .documentsTitle: "Құжаттар", .filterAll: "Барлығы", .statusDraft: "Жоба", .statusPending: "Қол қоюды күтуде",
        .statusSigned: "Қол қойылды", .statusRejected: "Қабылданбады", .statusCancelled: "Жойылды", .statusExpired: "Мерзімі өтті",
        .colDocument: "Құжат", .colStatus: "Мәртебе", .colSigners: "Қол қоюшылар", .colCreated: "Құрылды",
        .tariffBalance: "Тарифтік пакет",
        .usesLeft: "қол қою қалды", .noDocuments: "Әзірге құжат жоқ.", .nextPage: "Әрі қарай",
        .newDocumentTitle: "Жаңа құжат", .fileLabel: "Құжат файлы", .languageLabel: "Құжат тілі", .methodLabel: "Қол қою тәсілі",
        .methodEds: "Тек ЭЦҚ", .methodSes: "Тек SMS-код", .methodEdsOrSes: "ЭЦҚ немесе SMS-код", .orderLabel: "Қол қою тәртібі",
        .orderParallel: "Бір мезгілде", .orderSequential: "Кезекпен", .partnerFirstLabel: "Серіктес бірінші қол қояды",
        .signersLabel: "Қол қоюшылар", .surnameLabel: "Тегі", .nameLabel: "Аты", .iinLabel: "ЖСН", .signerPhoneLabel: "Телефон",
        .addSignerRow: "Тағы қол қоюшы", .createDocument: "Құжат құру", .iinInvalid: "ЖСН бақылау разрядынан өтпеді",
        .phoneInvalid: "+7 7ХХ ХХХ ХХ ХХ түріндегі нөмір қажет",
        .signersTitle: "Қол қоюшылар", .signerWaiting: "Кезек күтуде", .signerNotified: "Хабарланды", .signerViewed: "Қарады",
        .signerSigned: "Қол қойды", .signerRejected: "Бас тартты", .partnerSignature: "Серіктестің қолтаңбасы",
        .send: "Қол қоюға жіберу", .cancel: "Болдырмау", .signAsPartner: "Серіктес атынан қол қою",
        .downloadDocument: "Құжатты жүктеу", .downloadEvidence: "Дәлелдемелер пакетін жүктеу",
        .downloadReport: "Төрелікке арналған есеп",
        .digestsLabel: "Хэш-сомалар",
        .signTitle: "Құжатқа қол қою", .sentBy: "Жіберуші", .binLabel: "БСН", .othersSigning: "Тағы кім қол қояды",
        .consentTitle: "Келісім",
        .consentText: "Мен құжатпен таныстым және оған қарапайым электрондық қолтаңбамен — бір реттік SMS-кодпен қол қоямын.",
        .documentPreview: "Құжат", .openDocument: "Құжатты ашу",
        .signBySMS: "SMS-кодпен қол қою", .getCode: "Код алу", .enterCode: "SMS-тағы кодты енгізіңіз", .confirmCode: "Қол қою",
        .attemptsLeft: "Қалған әрекеттер", .resendIn: "Қайта жіберу", .resend: "Кодты қайта жіберу",
        .signWithEGov: "eGov mobile арқылы қол қою", .egovHint: "QR-кодты eGov mobile қосымшасында сканерлеңіз немесе телефонда ашыңыз.",
        .openEGov: "eGov mobile ашу", .waitingForEGov: "Қосымшадан қолтаңбаны күтудеміз…", .signWithNCALayer: "NCALayer арқылы қол қою",
        .ncalayerNotRunning: "NCALayer іске қосылмаған. NCALayer-ді іске қосып, қайталаңыз.",
        .ncalayerSigning: "NCALayer терезесінде қол қоюды растаңыз…",
        .rejectTitle: "Қол қоюдан бас тарту", .rejectReason: "Бас тарту себебі", .getRejectCode: "Бас тарту кодын алу",
        .confirmReject: "Бас тартуды растау",
        .resultSigned: "Құжатқа барлық тараптар қол қойды.", .resultRejected: "Құжат қабылданбады.",
        .resultWaiting: "Басқалардың қолын күтудеміз.",
        .youSigned: "Сіз құжатқа қол қойдыңыз.", .youRejected: "Сіз құжатқа қол қоюдан бас тарттыңыз.",
        .employeesTitle: "Қызметкерлер", .rightsLabel: "Құқықтар", .rightUpload: "Жүктеу", .rightSend: "Жіберу",
        .rightSignForPartner: "Серіктес атынан қол қою", .rightViewAllPartnerDocuments: "Серіктестің барлық құжаттары",
        .rightManageEmployees: "Қызметкерлерді басқару", .grantRights: "Құқық беру",
        .adminTitle: "Әкімшілік", .partnersTitle: "Серіктестер", .usersTitle: "Пайдаланушылар", .tariffsTitle: "Тарифтік пакеттер",
        .auditTitle: "Әкімшілер әрекеттерінің журналы", .activate: "Белсендіру", .deactivate: "Белсенділігін тоқтату",
        .block: "Бұғаттау",
        .restore: "Бұғаттан шығару", .createPartner: "Серіктес қосу", .organisationLabel: "Ұйым", .issueTariff: "Пакет беру",
        .usesTotalLabel: "Қол қою саны", .validFromLabel: "Басталуы", .validUntilLabel: "Аяқталуы", .save: "Сақтау",
        .partnerLabel: "Серіктес",
        .linkTitle: "Қол қоюға арналған құжат",
        .linkText: "Сізге қол қоюға құжат жіберілді. Оны оқу, қол қою немесе бас тарту үшін ашыңыз.",
        .errorTitle: "Болмады", .backHome: "Басты бетке", .notFoundText: "Бет табылмады.", .skipToContent: "Мазмұнға өту",
        .appointManager: "Серіктестің басшысын тағайындау",
        .appointManagerHint: "Басшы серіктес кабинетіндегі барлық құқықты алады; өзіңізді тағайындай алмайсыз.",
        .partnerStatusActive: "Белсенді", .partnerStatusInactive: "Белсенді емес", .userStatusActive: "Белсенді",
        .userStatusBlocked: "Бұғатталған",
        .inboxTitle: "Менің құжаттарым", .navInbox: "Менің құжаттарым", .colSender: "Жіберуші", .colYourPart: "Сізден",
        .noInbox: "Сізге әлі қол қоюға құжат жіберілмеген.", .linkExpiredLogin: "Телефон нөмірімен кіріп, құжатты ашу",
        .awaitedYourSignature: "Сіздің қолыңызды күтуде", .awaitedOthersFirst: "Алдымен басқалар қол қояды",
        .awaitedYouSigned: "Сіз қол қойдыңыз",
        .awaitedYouRejected: "Сіз қол қоюдан бас тарттыңыз", .awaitedNothing: "Ештеңе талап етілмейді",
    ]

    static let en: [PageKey: String] = [
        .appName: "Senimkey", .tagline: "Legally binding document signing", .navDocuments: "Documents", .navNewDocument: "New document",
        .navEmployees: "Employees", .navAdmin: "Administration", .logout: "Log out", .languageName: "English",
        .loginTitle: "Log in with your phone", .phoneLabel: "Mobile phone number", .phoneHint: "+7 7XX XXX XX XX",
        .sendCode: "Get an SMS code", .codeLabel: "Code from the SMS", .codeSentTo: "The code was sent to",
        .acceptAgreement: "I accept the",
        .agreementLink: "user agreement", .logIn: "Log in", .wrongPhone: "Enter a Kazakh mobile number",
        .documentsTitle: "Documents", .filterAll: "All", .statusDraft: "Draft", .statusPending: "Awaiting signatures",
        .statusSigned: "Signed", .statusRejected: "Rejected", .statusCancelled: "Cancelled", .statusExpired: "Expired",
        .colDocument: "Document", .colStatus: "Status", .colSigners: "Signers", .colCreated: "Created",
        .tariffBalance: "Tariff package",
        .usesLeft: "signings left", .noDocuments: "No documents yet.", .nextPage: "Next",
        .newDocumentTitle: "New document", .fileLabel: "Document file", .languageLabel: "Document language",
        .methodLabel: "Signing method",
        .methodEds: "EDS only", .methodSes: "SMS code only", .methodEdsOrSes: "EDS or SMS code", .orderLabel: "Signing order",
        .orderParallel: "All at once", .orderSequential: "One by one", .partnerFirstLabel: "The partner signs first",
        .signersLabel: "Signers", .surnameLabel: "Surname", .nameLabel: "Name", .iinLabel: "IIN", .signerPhoneLabel: "Phone",
        .addSignerRow: "Another signer", .createDocument: "Create the document", .iinInvalid: "The IIN fails its check digit",
        .phoneInvalid: "A number like +7 7XX XXX XX XX is needed",
        .signersTitle: "Signers", .signerWaiting: "Waiting", .signerNotified: "Notified", .signerViewed: "Viewed",
        .signerSigned: "Signed", .signerRejected: "Rejected", .partnerSignature: "The partner's signature",
        .send: "Send for signing", .cancel: "Cancel", .signAsPartner: "Sign for the partner",
        .downloadDocument: "Download the document", .downloadEvidence: "Download the evidence package",
        .downloadReport: "Arbitration report",
        .digestsLabel: "Digests",
        .signTitle: "Signing a document", .sentBy: "Sent by", .binLabel: "BIN", .othersSigning: "Who else signs",
        .consentTitle: "Consent",
        .consentText: "I have read the document and sign it with a simple electronic signature, a one-time SMS code.",
        .documentPreview: "Document", .openDocument: "Open the document",
        .signBySMS: "Sign with an SMS code", .getCode: "Get a code", .enterCode: "Enter the code from the SMS", .confirmCode: "Sign",
        .attemptsLeft: "Attempts left", .resendIn: "Resend in", .resend: "Send the code again",
        .signWithEGov: "Sign in eGov mobile", .egovHint: "Scan the QR code with the eGov mobile app, or open it on your phone.",
        .openEGov: "Open eGov mobile", .waitingForEGov: "Waiting for the signature from the app…",
        .signWithNCALayer: "Sign with NCALayer",
        .ncalayerNotRunning: "NCALayer is not running. Start NCALayer and try again.",
        .ncalayerSigning: "Confirm the signature in the NCALayer window…",
        .rejectTitle: "Refuse to sign", .rejectReason: "Reason", .getRejectCode: "Get a code to refuse",
        .confirmReject: "Confirm the refusal",
        .resultSigned: "The document is signed by every party.", .resultRejected: "The document was rejected.",
        .resultWaiting: "Waiting for the others to sign.",
        .youSigned: "You signed the document.", .youRejected: "You refused to sign the document.",
        .employeesTitle: "Employees", .rightsLabel: "Rights", .rightUpload: "Upload", .rightSend: "Send",
        .rightSignForPartner: "Sign for the partner", .rightViewAllPartnerDocuments: "All of the partner's documents",
        .rightManageEmployees: "Manage employees", .grantRights: "Grant rights",
        .adminTitle: "Administration", .partnersTitle: "Partners", .usersTitle: "Users", .tariffsTitle: "Tariff packages",
        .auditTitle: "Administrators' actions", .activate: "Activate", .deactivate: "Deactivate", .block: "Block", .restore: "Restore",
        .createPartner: "Add a partner", .organisationLabel: "Organisation", .issueTariff: "Issue a package",
        .usesTotalLabel: "Signings",
        .validFromLabel: "Valid from", .validUntilLabel: "Valid until", .save: "Save", .partnerLabel: "Partner",
        .linkTitle: "A document to sign", .linkText: "A document was sent to you for signing. Open it to read, sign or reject it.",
        .errorTitle: "That did not work", .backHome: "Home", .notFoundText: "Page not found.", .skipToContent: "Skip to content",
        .appointManager: "Appoint the partner's manager",
        .appointManagerHint: "A manager gets every right in the partner's cabinet; you cannot appoint yourself.",
        .partnerStatusActive: "Active", .partnerStatusInactive: "Inactive", .userStatusActive: "Active",
        .userStatusBlocked: "Blocked",
        .inboxTitle: "My documents", .navInbox: "My documents", .colSender: "Sender", .colYourPart: "From you",
        .noInbox: "No document has been sent to you for signing yet.",
        .linkExpiredLogin: "Log in with your phone number and open the document",
        .awaitedYourSignature: "Awaiting your signature", .awaitedOthersFirst: "Others sign first",
        .awaitedYouSigned: "You signed",
        .awaitedYouRejected: "You declined to sign", .awaitedNothing: "Nothing to do",
    ]
}

/// One language's page texts, read by typed key; a text made from a value (a document's status, a right's
/// name) is found by the key that value names, and a missing one reads as empty (the key test finds it).
struct PageTable: Sendable {
    let texts: [PageKey: String]

    subscript(_ key: PageKey) -> String { texts[key] ?? "" }

    /// The text of `prefix_value` (`status_draft`, `signer_viewed`, …), nil when there is no such key.
    subscript(prefix prefix: String, value value: String) -> String? { PageKey(rawValue: "\(prefix)_\(value)").flatMap { texts[$0] } }

    subscript(status: Document.Status) -> String { self[prefix: "status", value: status.rawValue] ?? "" }

    /// A right by its API name (`upload`, `signForPartner`, …); the name itself when it has no text.
    subscript(right name: String) -> String { self[prefix: "right", value: name] ?? name }

    /// What templates read as `{{t.key}}`.
    var templateValues: [String: String] { Dictionary(uniqueKeysWithValues: texts.map { ($0.key.rawValue, $0.value) }) }
}
