import SenimEvidence

/// The words of the public verification page (`/verify`), per language; the template reads them as `{{v.key}}`.
/// Kept beside ``PageStrings`` rather than in it: the page is the platform's only one for people without an account.
enum VerifyPageKey: String, CaseIterable, Sendable {
    case title, intro, fileLabel, digestLabel, check, hashing, packageNoDocument, readFailed, found, notFound, notFoundText
    case digestShown, documentLabel, partnerLabel, statusLabel, completedLabel, signersLabel, kindEDS, kindSES, packageOffer
    case invalidDigest, tooMany, privacy
}

enum VerifyPageStrings {
    static func table(_ language: Language) -> [VerifyPageKey: String] {
        switch language {
        case .ru: return russian
        case .kk: return kazakh
        case .en: return english
        }
    }

    static let russian: [VerifyPageKey: String] = [
        .title: "Проверка документа",
        .intro:
            "Выберите файл документа или пакет доказательств («.asice»): страница скажет, подписывался ли на платформе именно этот "
            + "документ, его статус и кто его подписал.",
        .privacy: "SHA-256 файла вычисляет ваш браузер; сам файл никуда не отправляется и не сохраняется.",
        .fileLabel: "Документ или пакет доказательств", .digestLabel: "или SHA-256 документа (64 шестнадцатеричных символа)",
        .check: "Проверить", .hashing: "Вычисляется SHA-256…", .packageNoDocument: "В пакете нет файла документа.",
        .readFailed: "Файл не удалось прочитать.",
        .found: "Этот документ подписывался на платформе Senimkey", .notFound: "Документ с таким SHA-256 на платформе не найден",
        .notFoundText: "Либо документ не загружался на платформу, либо файл отличается от подписанного хотя бы одним байтом.",
        .digestShown: "SHA-256 проверенного документа:", .documentLabel: "Документ", .partnerLabel: "Отправитель",
        .statusLabel: "Статус", .completedLabel: "Подписание завершено (UTC)", .signersLabel: "Подписанты", .kindEDS: "ЭЦП",
        .kindSES: "SMS-код",
        .packageOffer: "Пакет доказательств и отчёт для суда стороны документа скачивают в своём кабинете после входа.",
        .invalidDigest: "SHA-256 — это 64 шестнадцатеричных символа (цифры и буквы «a»–«f»).",
        .tooMany: "Слишком много проверок с вашего адреса. Повторите через %1 с.",
    ]

    static let kazakh: [VerifyPageKey: String] = [
        .title: "Құжатты тексеру",
        .intro:
            "Құжат файлын немесе дәлелдемелер пакетін («.asice») таңдаңыз: бет платформада дәл осы құжатқа қол қойылғанын, "
            + "оның мәртебесін әрі оған кім қол қойғанын көрсетеді.",
        .privacy: "Файлдың SHA-256 мәнін браузеріңіз есептейді; файлдың өзі ешқайда жіберілмейді, сақталмайды.",
        .fileLabel: "Құжат немесе дәлелдемелер пакеті", .digestLabel: "немесе құжаттың SHA-256 мәні (64 оналтылық таңба)",
        .check: "Тексеру", .hashing: "SHA-256 есептелуде…", .packageNoDocument: "Пакетте құжат файлы жоқ.",
        .readFailed: "Файлды оқу мүмкін болмады.",
        .found: "Бұл құжатқа Senimkey платформасында қол қойылған", .notFound: "Мұндай SHA-256 мәні бар құжат платформада табылмады",
        .notFoundText: "Құжат платформаға жүктелмеген, немесе файл қол қойылғанынан кемінде бір байтқа өзгеше.",
        .digestShown: "Тексерілген құжаттың SHA-256 мәні:", .documentLabel: "Құжат", .partnerLabel: "Жіберуші",
        .statusLabel: "Мәртебесі", .completedLabel: "Қол қою аяқталды (UTC)", .signersLabel: "Қол қоюшылар", .kindEDS: "ЭЦҚ",
        .kindSES: "SMS-код",
        .packageOffer: "Дәлелдемелер пакеті мен сотқа арналған есепті құжат тараптары кіргеннен кейін өз кабинетінде жүктеп алады.",
        .invalidDigest: "SHA-256 — 64 оналтылық таңба (цифрлар мен «a»–«f» әріптері).",
        .tooMany: "Сіздің мекенжайыңыздан тексеру тым көп. %1 секундтан кейін қайталаңыз.",
    ]

    static let english: [VerifyPageKey: String] = [
        .title: "Verify a document",
        .intro:
            "Choose the document's file or an evidence package (.asice): the page says whether this exact document was signed on the "
            + "platform, its status and who signed it.",
        .privacy: "Your browser computes the file's SHA-256; the file itself is neither sent nor kept.",
        .fileLabel: "Document or evidence package", .digestLabel: "or the document's SHA-256 (64 hexadecimal characters)",
        .check: "Verify", .hashing: "Computing the SHA-256…", .packageNoDocument: "The package holds no document file.",
        .readFailed: "The file could not be read.",
        .found: "This document was signed on the Senimkey platform", .notFound: "No document with this SHA-256 is on the platform",
        .notFoundText:
            "Either the document was never uploaded to the platform, or the file differs from the signed one by at least one byte.",
        .digestShown: "SHA-256 of the document checked:", .documentLabel: "Document", .partnerLabel: "Sender",
        .statusLabel: "Status", .completedLabel: "Signing completed (UTC)", .signersLabel: "Signers", .kindEDS: "EDS",
        .kindSES: "SMS code",
        .packageOffer:
            "The parties to the document download the evidence package and the court report from their cabinet after logging in.",
        .invalidDigest: "A SHA-256 is 64 hexadecimal characters (digits and the letters a to f).",
        .tooMany: "Too many checks from your address. Try again in %1 s.",
    ]
}
