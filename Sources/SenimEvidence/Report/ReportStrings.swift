/// Every string of the arbitration report, one table per language (Russian first: the court's language).
/// A test checks that every language has every key.
public enum ReportLanguage: String, Sendable, CaseIterable, Codable { case ru, kk, en }

public enum ReportKey: String, Sendable, CaseIterable {
    case title, subtitle, documentSection, fileName, size, bytes, sha256, gost34311
    case partiesSection, signaturesSection, timelineSection, integritySection, verificationSection, howToSection
    case signatureTypeEDS, signatureTypeSES, sesNotice, signer, iin, bin, role, phone, certificate, issuer, serial, validity
    case verdict, signedAt, proof, proofTimestamp, proofNone, time, action, actor, ipAddress, device
    case manifest, auditHead, logInclusion, checkpoint, seal, step, result, passed, failed, indeterminate, howToText
    case actionAgreementAccepted, actionDocumentUploaded, actionSignerAdded, actionSentForSigning, actionSmsSent, actionLinkOpened
    case actionDocumentViewed, actionOtpRequested, actionOtpFailed, actionOtpConfirmed, actionEdsSignatureReceived
    case actionSesSignatureRecorded, actionSignatureRefused, actionRejected, actionCompleted, actionCancelled, actionExpired
    case actionTariffDebited, actionDownloaded, actionEvidenceExported, actionAdministrative, finalNotice
}

enum ReportStrings {
    static func table(_ language: ReportLanguage) -> [ReportKey: String] {
        switch language {
        case .ru: return russian
        case .kk: return kazakh
        case .en: return english
        }
    }

    static let russian: [ReportKey: String] = [
        .title: "Отчёт о подписании документа", .subtitle: "Доказательства для арбитража «IUS CIVILE»",
        .documentSection: "Документ", .fileName: "Имя файла", .size: "Размер", .bytes: "байт", .sha256: "SHA-256", .gost34311: "ГОСТ 34.311-95",
        .partiesSection: "Участники", .signaturesSection: "Подписи", .timelineSection: "Хронология действий",
        .integritySection: "Доказательства целостности", .verificationSection: "Проверка пакета", .howToSection: "Как проверить самостоятельно",
        .signatureTypeEDS: "ЭЦП", .signatureTypeSES: "Простая электронная подпись (SMS-код)",
        .sesNotice: "Простая электронная подпись одноразовым SMS-кодом не является ЭЦП.",
        .signer: "Подписант", .iin: "ИИН", .bin: "БИН", .role: "Роль", .phone: "Телефон", .certificate: "Сертификат", .issuer: "Издатель",
        .serial: "Серийный номер", .validity: "Срок действия", .verdict: "Результат проверки", .signedAt: "Время подписания",
        .proof: "Доказательство времени", .proofTimestamp: "метка времени RFC 3161", .proofNone: "заявленное время (без метки времени)",
        .time: "Время (UTC)", .action: "Действие", .actor: "Кто", .ipAddress: "IP-адрес", .device: "Устройство",
        .manifest: "Манифест", .auditHead: "Вершина цепочки журнала", .logInclusion: "Включение в журнал платформы",
        .checkpoint: "Контрольная точка", .seal: "Печать платформы", .step: "Шаг", .result: "Результат",
        .passed: "пройдено", .failed: "не пройдено", .indeterminate: "не определено",
        .howToText: "Выполните senimkey evidence verify для этого пакета; подписи CMS можно проверить также командой openssl cms -verify, хэши — sha256sum.",
        .actionAgreementAccepted: "Принято соглашение", .actionDocumentUploaded: "Документ загружен", .actionSignerAdded: "Добавлен подписант",
        .actionSentForSigning: "Отправлен на подписание", .actionSmsSent: "Отправлено SMS", .actionLinkOpened: "Открыта ссылка",
        .actionDocumentViewed: "Документ просмотрен", .actionOtpRequested: "Запрошен SMS-код", .actionOtpFailed: "Неверный SMS-код",
        .actionOtpConfirmed: "SMS-код подтверждён", .actionEdsSignatureReceived: "Получена ЭЦП", .actionSesSignatureRecorded: "Записана простая подпись",
        .actionSignatureRefused: "Подпись отклонена проверкой", .actionRejected: "Подписант отказался", .actionCompleted: "Документ подписан",
        .actionCancelled: "Отменён", .actionExpired: "Истёк срок", .actionTariffDebited: "Списано использование тарифа",
        .actionDownloaded: "Скачано", .actionEvidenceExported: "Выгружен пакет доказательств", .actionAdministrative: "Действие администратора",
        .finalNotice: "Окончательный отчёт по состоянию пакета доказательств.",
    ]

    static let kazakh: [ReportKey: String] = [
        .title: "Құжатқа қол қою туралы есеп", .subtitle: "«IUS CIVILE» төрелігіне арналған дәлелдемелер",
        .documentSection: "Құжат", .fileName: "Файл атауы", .size: "Көлемі", .bytes: "байт", .sha256: "SHA-256", .gost34311: "ГОСТ 34.311-95",
        .partiesSection: "Қатысушылар", .signaturesSection: "Қолтаңбалар", .timelineSection: "Әрекеттер хронологиясы",
        .integritySection: "Тұтастық дәлелдері", .verificationSection: "Пакетті тексеру", .howToSection: "Өз бетінше қалай тексеруге болады",
        .signatureTypeEDS: "ЭЦҚ", .signatureTypeSES: "Қарапайым электрондық қолтаңба (SMS-код)",
        .sesNotice: "Бір реттік SMS-кодпен қойылған қарапайым электрондық қолтаңба ЭЦҚ болып табылмайды.",
        .signer: "Қол қоюшы", .iin: "ЖСН", .bin: "БСН", .role: "Рөлі", .phone: "Телефон", .certificate: "Сертификат", .issuer: "Берген",
        .serial: "Сериялық нөмірі", .validity: "Қолданылу мерзімі", .verdict: "Тексеру нәтижесі", .signedAt: "Қол қойылған уақыт",
        .proof: "Уақыт дәлелі", .proofTimestamp: "RFC 3161 уақыт белгісі", .proofNone: "мәлімделген уақыт (уақыт белгісіз)",
        .time: "Уақыт (UTC)", .action: "Әрекет", .actor: "Кім", .ipAddress: "IP-мекенжай", .device: "Құрылғы",
        .manifest: "Манифест", .auditHead: "Журнал тізбегінің басы", .logInclusion: "Платформа журналына енгізу",
        .checkpoint: "Бақылау нүктесі", .seal: "Платформа мөрі", .step: "Қадам", .result: "Нәтиже",
        .passed: "өтті", .failed: "өтпеді", .indeterminate: "анықталмады",
        .howToText: "Осы пакет үшін senimkey evidence verify орындаңыз; CMS қолтаңбаларын openssl cms -verify арқылы, хэштерді sha256sum арқылы да тексеруге болады.",
        .actionAgreementAccepted: "Келісім қабылданды", .actionDocumentUploaded: "Құжат жүктелді", .actionSignerAdded: "Қол қоюшы қосылды",
        .actionSentForSigning: "Қол қоюға жіберілді", .actionSmsSent: "SMS жіберілді", .actionLinkOpened: "Сілтеме ашылды",
        .actionDocumentViewed: "Құжат қаралды", .actionOtpRequested: "SMS-код сұралды", .actionOtpFailed: "SMS-код қате",
        .actionOtpConfirmed: "SMS-код расталды", .actionEdsSignatureReceived: "ЭЦҚ алынды", .actionSesSignatureRecorded: "Қарапайым қолтаңба жазылды",
        .actionSignatureRefused: "Қолтаңба тексеруден өтпеді", .actionRejected: "Қол қоюшы бас тартты", .actionCompleted: "Құжатқа қол қойылды",
        .actionCancelled: "Тоқтатылды", .actionExpired: "Мерзімі өтті", .actionTariffDebited: "Тариф пайдалануы есептен шығарылды",
        .actionDownloaded: "Жүктеп алынды", .actionEvidenceExported: "Дәлелдемелер пакеті шығарылды", .actionAdministrative: "Әкімші әрекеті",
        .finalNotice: "Дәлелдемелер пакетінің жай-күйі бойынша түпкілікті есеп.",
    ]

    static let english: [ReportKey: String] = [
        .title: "Document signing report", .subtitle: "Evidence for the arbitration court \u{201C}IUS CIVILE\u{201D}",
        .documentSection: "Document", .fileName: "File name", .size: "Size", .bytes: "bytes", .sha256: "SHA-256", .gost34311: "GOST 34.311-95",
        .partiesSection: "Parties", .signaturesSection: "Signatures", .timelineSection: "Timeline of actions",
        .integritySection: "Integrity proofs", .verificationSection: "Package verification", .howToSection: "How to verify independently",
        .signatureTypeEDS: "EDS", .signatureTypeSES: "Simple electronic signature (SMS code)",
        .sesNotice: "A simple electronic signature by one-time SMS code is not an EDS.",
        .signer: "Signer", .iin: "IIN", .bin: "BIN", .role: "Role", .phone: "Phone", .certificate: "Certificate", .issuer: "Issuer",
        .serial: "Serial number", .validity: "Validity", .verdict: "Verdict", .signedAt: "Signing time",
        .proof: "Proof of time", .proofTimestamp: "RFC 3161 timestamp", .proofNone: "claimed time (no timestamp)",
        .time: "Time (UTC)", .action: "Action", .actor: "By", .ipAddress: "IP address", .device: "Device",
        .manifest: "Manifest", .auditHead: "Audit chain head", .logInclusion: "Inclusion in the platform log",
        .checkpoint: "Checkpoint", .seal: "Platform seal", .step: "Step", .result: "Result",
        .passed: "passed", .failed: "failed", .indeterminate: "indeterminate",
        .howToText: "Run senimkey evidence verify on this package; the CMS signatures also verify with openssl cms -verify, and the digests with sha256sum.",
        .actionAgreementAccepted: "Agreement accepted", .actionDocumentUploaded: "Document uploaded", .actionSignerAdded: "Signer added",
        .actionSentForSigning: "Sent for signing", .actionSmsSent: "SMS sent", .actionLinkOpened: "Link opened",
        .actionDocumentViewed: "Document viewed", .actionOtpRequested: "SMS code requested", .actionOtpFailed: "Wrong SMS code",
        .actionOtpConfirmed: "SMS code confirmed", .actionEdsSignatureReceived: "EDS signature received", .actionSesSignatureRecorded: "Simple signature recorded",
        .actionSignatureRefused: "Signature refused by validation", .actionRejected: "Signer rejected", .actionCompleted: "Document signed",
        .actionCancelled: "Cancelled", .actionExpired: "Expired", .actionTariffDebited: "Tariff use debited",
        .actionDownloaded: "Downloaded", .actionEvidenceExported: "Evidence package exported", .actionAdministrative: "Administrator action",
        .finalNotice: "Final report on the state of the evidence package.",
    ]
}
